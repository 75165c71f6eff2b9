package io.guanxi.customer.domain.duplicates;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Scores how likely two customer records describe the same person: a weighted average of field
 * similarities over the fields both records have. Names are compared order-free (swapped given and
 * family names still match), dates of birth allow swapped day and month or one mistyped digit, and
 * identifiers allow one typo.
 */
public final class PairScorer {

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    static final double W_NAME_PART = 1.5;
    static final double W_BIRTHDAY = 2.0;
    static final double W_ID = 3.0;
    static final double W_PHONE = 3.0;
    static final double W_EMAIL = 2.5;
    static final double W_STREET_NUMBER = 0.7;
    static final double W_STREET = 1.0;
    static final double W_DISTRICT = 0.5;
    static final double W_CITY = 1.0;
    static final double W_POSTCODE = 1.0;
    static final double W_PROVINCE = 0.3;

    private PairScorer() {}

    /** The score in [0, 1] and the evidence (sum of weights of the compared fields). */
    public record Score(double value, double evidence) {}

    /**
     * Without agreement on something personal (an identifier, the birthday, or the house number
     * with the street) two records only share a name and a neighbourhood, which many different
     * people do; such pairs are capped below the review band.
     */
    static final double CAP_WITHOUT_PERSONAL_EVIDENCE = 0.40;

    public static Score score(MatchRecord a, MatchRecord b) {
        Accumulator acc = new Accumulator();
        names(acc, a, b);
        if (a.birthday() != null && b.birthday() != null) {
            double similarity = birthday(a.birthday(), b.birthday());
            acc.add(W_BIRTHDAY, similarity);
            acc.personal |= similarity >= 0.7;
        }
        acc.personal |= identifier(acc, W_ID, a.idNumber(), b.idNumber());
        acc.personal |= identifier(acc, W_PHONE, a.phone(), b.phone());
        if (a.email() != null && b.email() != null) {
            boolean same = a.email().equals(b.email());
            acc.add(W_EMAIL, same ? 1 : 0);
            acc.personal |= same;
        }
        street(acc, a, b);
        text(acc, W_DISTRICT, a.district(), b.district());
        text(acc, W_CITY, a.city(), b.city());
        if (a.postcode() != null && b.postcode() != null) {
            acc.add(
                    W_POSTCODE,
                    a.postcode().equals(b.postcode()) ? 1 : oneEditApart(a.postcode(), b.postcode()) ? 0.6 : 0);
        }
        if (a.province() != null && b.province() != null) {
            acc.add(W_PROVINCE, a.province().equals(b.province()) ? 1 : 0);
        }
        double value = acc.weight == 0 ? 0 : acc.sum / acc.weight;
        if (!acc.personal) {
            value = Math.min(value, CAP_WITHOUT_PERSONAL_EVIDENCE);
        }
        return new Score(value, acc.weight);
    }

    private static void names(Accumulator acc, MatchRecord a, MatchRecord b) {
        List<String> left = nameParts(a);
        List<String> right = nameParts(b);
        if (left.isEmpty() || right.isEmpty()) {
            return;
        }
        List<String> shorter = left.size() <= right.size() ? left : right;
        List<String> longer = shorter == left ? right : left;
        if (shorter.size() == 2 && longer.size() == 2) {
            double direct = (similarity(shorter.get(0), longer.get(0)) + similarity(shorter.get(1), longer.get(1))) / 2;
            double swapped =
                    (similarity(shorter.get(0), longer.get(1)) + similarity(shorter.get(1), longer.get(0))) / 2;
            acc.add(2 * W_NAME_PART, Math.max(direct, swapped));
            return;
        }
        for (String part : shorter) {
            double best = 0;
            for (String other : longer) {
                best = Math.max(best, similarity(part, other));
            }
            acc.add(W_NAME_PART, best);
        }
        if (longer.size() > shorter.size()) {
            acc.add(W_NAME_PART / 2, 0.5); // a missing name part is weak evidence either way
        }
    }

    private static List<String> nameParts(MatchRecord r) {
        List<String> parts = new ArrayList<>(2);
        if (r.givenName() != null) {
            parts.add(r.givenName());
        }
        if (r.familyName() != null) {
            parts.add(r.familyName());
        }
        if (parts.isEmpty() && r.displayName() != null) {
            parts.add(r.displayName());
        }
        return parts;
    }

    static double similarity(String a, String b) {
        if (a.equals(b)) {
            return 1;
        }
        double jw = JARO_WINKLER.apply(a, b);
        return jw < 0.7 ? 0 : jw;
    }

    static double birthday(LocalDate a, LocalDate b) {
        if (a.equals(b)) {
            return 1;
        }
        if (a.getYear() == b.getYear()
                && a.getMonthValue() == b.getDayOfMonth()
                && a.getDayOfMonth() == b.getMonthValue()) {
            return 0.9;
        }
        String x = a.toString().replace("-", "");
        String y = b.toString().replace("-", "");
        int differences = 0;
        for (int i = 0; i < x.length(); i++) {
            if (x.charAt(i) != y.charAt(i)) {
                differences++;
            }
        }
        return differences == 1 ? 0.7 : 0;
    }

    /** @return true when the identifiers agree (exactly or but for one typo) */
    private static boolean identifier(Accumulator acc, double weight, String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.equals(b)) {
            acc.add(weight, 1);
            return true;
        }
        boolean typo = oneEditApart(a, b);
        acc.add(weight, typo ? 0.6 : 0);
        return typo;
    }

    private static void text(Accumulator acc, double weight, String a, String b) {
        if (a != null && b != null) {
            acc.add(weight, similarity(a, b));
        }
    }

    /**
     * House number and street name are compared apart: "7 wallaby place" vs "wallaby pl",
     * "人民路123号" vs "人民路 123 号". The same house number on a similar street is personal evidence.
     */
    private static void street(Accumulator acc, MatchRecord a, MatchRecord b) {
        boolean sameNumber = false;
        if (a.houseNumber() != null && b.houseNumber() != null) {
            sameNumber = a.houseNumber().equals(b.houseNumber());
            acc.add(W_STREET_NUMBER, sameNumber ? 1 : 0);
        }
        if (a.streetName() != null && b.streetName() != null) {
            double similarity = similarity(a.streetName(), b.streetName());
            acc.add(W_STREET, similarity);
            acc.personal |= sameNumber && similarity >= 0.9;
        }
    }

    /** True for one substitution, insertion, deletion or adjacent transposition. */
    static boolean oneEditApart(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        if (la == lb) {
            int first = -1;
            int count = 0;
            for (int i = 0; i < la; i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    if (count == 0) {
                        first = i;
                    }
                    count++;
                }
            }
            if (count <= 1) {
                return true;
            }
            return count == 2
                    && first + 1 < la
                    && a.charAt(first) == b.charAt(first + 1)
                    && a.charAt(first + 1) == b.charAt(first)
                    && a.substring(first + 2).equals(b.substring(first + 2));
        }
        String longer = la > lb ? a : b;
        String shorter = la > lb ? b : a;
        int i = 0;
        while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
            i++;
        }
        return shorter.substring(i).equals(longer.substring(i + 1));
    }

    private static final class Accumulator {
        double sum;
        double weight;
        boolean personal;

        void add(double w, double similarity) {
            sum += w * similarity;
            weight += w;
        }
    }
}
