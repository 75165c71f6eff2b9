package io.guanxi.customer.domain;

import io.guanxi.customer.CustomerView;
import io.guanxi.customer.DataQuality;
import io.guanxi.customer.PartyType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The data-quality rules. Completeness and validity depend only on the record and are stored with
 * it ({@code customer.data_quality}, 0–80) so that averages over a million customers are one
 * aggregate; freshness depends on the day and is added when read, by the same steps in Java and SQL.
 */
public final class DataQualityRules {

    /** Freshness steps: changed within the age → points. */
    static final Map<Duration, Integer> FRESHNESS = freshnessSteps();

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$");
    private static final Pattern CN_ID = Pattern.compile("^[1-9][0-9]{16}[0-9X]$");
    private static final Pattern CN_POSTCODE = Pattern.compile("^[0-9]{6}$");
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK = "10X98765432";

    private DataQualityRules() {}

    private static Map<Duration, Integer> freshnessSteps() {
        Map<Duration, Integer> steps = new LinkedHashMap<>();
        steps.put(Duration.ofDays(180), 20);
        steps.put(Duration.ofDays(365), 13);
        steps.put(Duration.ofDays(730), 7);
        return steps;
    }

    /** Completeness and validity points (0–80), the part stored with the record. */
    public static int stored(CustomerView c) {
        Assessment a = assess(c);
        return a.completeness + a.validity;
    }

    public static DataQuality of(CustomerView c, Instant now) {
        Assessment a = assess(c);
        int freshness = freshness(c.updatedAt(), now);
        return new DataQuality(
                a.completeness + a.validity + freshness, a.completeness, a.validity, freshness, a.missing, a.invalid);
    }

    static int freshness(Instant updatedAt, Instant now) {
        Duration age = Duration.between(updatedAt, now);
        for (Map.Entry<Duration, Integer> step : FRESHNESS.entrySet()) {
            if (age.compareTo(step.getKey()) <= 0) {
                return step.getValue();
            }
        }
        return 0;
    }

    private record Assessment(int completeness, int validity, List<String> missing, List<String> invalid) {}

    private static Assessment assess(CustomerView c) {
        boolean person = c.partyType() == PartyType.PERSON;
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put("displayName", 8);
        weights.put("phone", 10);
        weights.put("email", 5);
        if (person) {
            weights.put("birthday", 5);
            weights.put("gender", 4);
        }
        weights.put("city", 6);
        weights.put("street", 6);
        weights.put("sourceChannel", 3);
        weights.put("storeId", 3);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("displayName", c.displayName());
        values.put("phone", c.phone());
        values.put("email", c.email());
        values.put("birthday", c.birthday());
        values.put("gender", c.gender());
        values.put("city", c.city());
        values.put("street", c.street());
        values.put("sourceChannel", c.sourceChannel());
        values.put("storeId", c.storeId());
        int total = 0;
        int filled = 0;
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Integer> w : weights.entrySet()) {
            total += w.getValue();
            if (values.get(w.getKey()) != null) {
                filled += w.getValue();
            } else {
                missing.add(w.getKey());
            }
        }
        List<String> invalid = new ArrayList<>();
        int checked = 0;
        if (c.email() != null) {
            checked++;
            if (!EMAIL.matcher(c.email()).matches()) {
                invalid.add("email");
            }
        }
        if (c.birthday() != null) {
            checked++;
            LocalDate today = LocalDate.ofInstant(c.updatedAt(), ZoneOffset.UTC);
            int age = Period.between(c.birthday(), today).getYears();
            if (c.birthday().isAfter(today) || age > 120) {
                invalid.add("birthday");
            }
        }
        if (c.idNumber() != null && c.idNumber().length() == 18) { // other documents have no check digit to test
            checked++;
            if (!validChineseIdNumber(c.idNumber())) {
                invalid.add("idNumber");
            }
        }
        if (c.postcode() != null && c.phone() != null && c.phone().startsWith("+86")) {
            checked++;
            if (!CN_POSTCODE.matcher(c.postcode()).matches()) {
                invalid.add("postcode");
            }
        }
        if (c.displayName() != null) {
            checked++;
            if (c.displayName().codePointCount(0, c.displayName().length()) < 2) {
                invalid.add("displayName");
            }
        }
        int completeness = Math.round(50f * filled / total);
        int validity = checked == 0 ? 30 : Math.round(30f * (checked - invalid.size()) / checked);
        return new Assessment(completeness, validity, missing, invalid);
    }

    /** A mainland resident identity number (GB 11643): 18 characters, the last a check digit. */
    static boolean validChineseIdNumber(String id) {
        if (!CN_ID.matcher(id).matches()) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return ID_CHECK.charAt(sum % 11) == id.charAt(17);
    }
}
