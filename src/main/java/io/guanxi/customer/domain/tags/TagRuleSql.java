package io.guanxi.customer.domain.tags;

import io.guanxi.customer.CustomerKind;
import io.guanxi.customer.Gender;
import io.guanxi.customer.PartyType;
import io.guanxi.customer.SourceChannel;
import io.guanxi.customer.TagRule;
import io.guanxi.shared.InvalidRequestException;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a {@link TagRule} into a SQL condition on {@code customer c}, with named parameters; every
 * field and operator is checked against a fixed list, and values are always parameters.
 */
final class TagRuleSql {

    private static final Map<String, Class<? extends Enum<?>>> CHOICES = Map.of(
            "kind", CustomerKind.class,
            "partyType", PartyType.class,
            "gender", Gender.class,
            "sourceChannel", SourceChannel.class);
    private static final Map<String, String> COLUMNS = Map.of(
            "kind", "c.kind",
            "partyType", "c.party_type",
            "gender", "c.gender",
            "sourceChannel", "c.source_channel",
            "province", "c.province",
            "city", "c.city",
            "district", "c.district");
    private static final Set<String> FLAGS = Set.of("hasPhone", "hasEmail", "inPool");
    private static final Pattern METRIC = Pattern.compile("^metric\\.[a-zA-Z0-9_.]{1,50}$");
    private static final Pattern SINCE = Pattern.compile("^since\\.[a-zA-Z0-9_.]{1,50}$");
    private static final Pattern CUSTOM = Pattern.compile("^custom\\.[a-z][a-z0-9_]{0,39}$");

    private TagRuleSql() {}

    /** Whether the rule reads figures ({@code metric.} or {@code since.} conditions). */
    static boolean readsFigures(TagRule rule) {
        return java.util.stream.Stream.concat(rule.all().stream(), rule.any().stream())
                .anyMatch(c -> METRIC.matcher(c.field()).matches()
                        || SINCE.matcher(c.field()).matches());
    }

    /** Fails with the offending condition when a rule cannot be run. */
    static void check(TagRule rule) {
        where(rule, new java.util.HashMap<>(), Instant.EPOCH, ZoneId.of("UTC"), Map.of());
    }

    /**
     * {@code figures}: figures other modules keep, by name, as SQL over {@code c}
     * ({@link io.guanxi.customer.CustomerFigureSource}); other figures are read from the ones recorded
     * with the customer.
     */
    static String where(
            TagRule rule, Map<String, Object> params, Instant now, ZoneId zone, Map<String, String> figures) {
        if (rule.all().isEmpty() && rule.any().isEmpty()) {
            throw InvalidRequestException.forField("rule", "needs at least one condition in all or any");
        }
        StringBuilder sql = new StringBuilder("(1 = 1");
        int i = 0;
        for (TagRule.Condition c : rule.all()) {
            sql.append(" AND ").append(condition(c, "r" + i++, params, now, zone, figures));
        }
        if (!rule.any().isEmpty()) {
            sql.append(" AND (");
            int j = 0;
            for (TagRule.Condition c : rule.any()) {
                sql.append(j == 0 ? "" : " OR ").append(condition(c, "a" + j++, params, now, zone, figures));
            }
            sql.append(')');
        }
        return sql.append(')').toString();
    }

    private static String condition(
            TagRule.Condition c,
            String p,
            Map<String, Object> params,
            Instant now,
            ZoneId zone,
            Map<String, String> figures) {
        String field = c.field();
        String op = c.op();
        String value = c.value().strip();
        if (COLUMNS.containsKey(field)) {
            String column = COLUMNS.get(field);
            List<String> values = Arrays.stream(value.split(","))
                    .map(String::strip)
                    .filter(v -> !v.isEmpty())
                    .toList();
            if (CHOICES.containsKey(field)) {
                Set<String> allowed = Arrays.stream(CHOICES.get(field).getEnumConstants())
                        .map(Enum::name)
                        .collect(java.util.stream.Collectors.toSet());
                for (String v : values) {
                    if (!allowed.contains(v)) {
                        throw bad(c, "must be one of " + allowed);
                    }
                }
            }
            switch (op) {
                case "eq" -> {
                    params.put(p, value);
                    return column + " = :" + p;
                }
                case "ne" -> {
                    params.put(p, value);
                    return "(" + column + " IS NULL OR " + column + " <> :" + p + ")";
                }
                case "in" -> {
                    params.put(p, values);
                    return column + " IN (:" + p + ")";
                }
                default -> throw bad(c, "takes eq, ne or in");
            }
        }
        if (SINCE.matcher(field).matches()) {
            return since(c, field.substring("since.".length()), p, params, now, zone, figures);
        }
        if (CUSTOM.matcher(field).matches()) {
            return custom(c, field.substring("custom.".length()), p, params);
        }
        if (FLAGS.contains(field)) {
            if (!op.equals("is") || !(value.equals("true") || value.equals("false"))) {
                throw bad(c, "takes is true or is false");
            }
            String column = switch (field) {
                case "hasPhone" -> "c.phone";
                case "hasEmail" -> "c.email";
                default -> "c.owner_id";
            };
            boolean present = field.equals("inPool") != value.equals("true");
            return column + (present ? " IS NOT NULL" : " IS NULL");
        }
        BigDecimal number;
        try {
            number = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw bad(c, "needs a number");
        }
        if (!op.equals("gte") && !op.equals("lte") && !op.equals("eq")) {
            throw bad(c, "takes gte, lte or eq");
        }
        String sqlOp = op.equals("gte") ? " >= " : op.equals("lte") ? " <= " : " = ";
        switch (field) {
            case "storeId", "dataQuality" -> {
                params.put(p, number);
                return (field.equals("storeId") ? "c.store_id" : "c.data_quality") + sqlOp + ":" + p;
            }
            case "age" -> {
                // age >= n: born on or before today minus n years; age <= n: born after today minus n+1 years
                LocalDate today = LocalDate.ofInstant(now, zone);
                int years = number.intValue();
                if (op.equals("gte")) {
                    params.put(p, Date.valueOf(today.minusYears(years)));
                    return "c.birthday <= :" + p;
                }
                params.put(p, Date.valueOf(today.minusYears(years + 1L)));
                if (op.equals("lte")) {
                    return "c.birthday > :" + p;
                }
                params.put(p + "b", Date.valueOf(today.minusYears(years)));
                return "(c.birthday > :" + p + " AND c.birthday <= :" + p + "b)";
            }
            case "createdDays" -> {
                // created within n days (lte) or at least n days ago (gte)
                params.put(p, Timestamp.from(now.minus(java.time.Duration.ofDays(number.longValue()))));
                return op.equals("lte") ? "c.created_at >= :" + p : "c.created_at <= :" + p;
            }
            default -> {
                if (!METRIC.matcher(field).matches()) {
                    throw bad(c, "is not a field a rule can use");
                }
                String metric = field.substring("metric.".length());
                params.put(p, number);
                if (figures.containsKey(metric)) {
                    return "COALESCE(" + figures.get(metric) + ", 0)" + sqlOp + ":" + p;
                }
                params.put(p + "m", metric);
                return "COALESCE((SELECT m.metric_value FROM customer_metric m WHERE m.customer_id = c.id AND m.metric = :"
                        + p + "m), 0)" + sqlOp + ":" + p;
            }
        }
    }

    /**
     * Days since a day another module keeps as an epoch-day figure (e.g. {@code since.orders.lastPurchase
     * gte 90}: no purchase for 90 days or more). Customers without the figure never match.
     */
    private static String since(
            TagRule.Condition c,
            String metric,
            String p,
            Map<String, Object> params,
            Instant now,
            ZoneId zone,
            Map<String, String> figures) {
        long days;
        try {
            days = Long.parseLong(c.value().strip());
        } catch (NumberFormatException e) {
            throw bad(c, "needs a whole number of days");
        }
        if (!c.op().equals("gte") && !c.op().equals("lte")) {
            throw bad(c, "takes gte or lte");
        }
        params.put(p, LocalDate.ofInstant(now, zone).minusDays(days).toEpochDay());
        if (figures.containsKey(metric)) {
            return figures.get(metric) + (c.op().equals("gte") ? " <= :" : " >= :") + p;
        }
        params.put(p + "m", metric);
        return "EXISTS (SELECT 1 FROM customer_metric m WHERE m.customer_id = c.id AND m.metric = :" + p + "m"
                + " AND m.metric_value " + (c.op().equals("gte") ? "<= :" : ">= :") + p + ")";
    }

    /** A custom field: equality on the normalised text, ranges on the number or the date it holds. */
    private static String custom(TagRule.Condition c, String key, String p, Map<String, Object> params) {
        params.put(p + "k", key);
        String value = c.value().strip();
        String lookup = "SELECT v.customer_id FROM customer_field_value v JOIN custom_field f ON f.id = v.field_id"
                + " WHERE f.field_key = :" + p + "k AND ";
        switch (c.op()) {
            case "eq", "ne" -> {
                params.put(p, value.toLowerCase(java.util.Locale.ROOT));
                return "c.id " + (c.op().equals("ne") ? "NOT " : "") + "IN (" + lookup + "LOWER(v.text_value) = :" + p
                        + ")";
            }
            case "in" -> {
                params.put(
                        p,
                        Arrays.stream(value.split(","))
                                .map(v -> v.strip().toLowerCase(java.util.Locale.ROOT))
                                .toList());
                return "c.id IN (" + lookup + "LOWER(v.text_value) IN (:" + p + "))";
            }
            case "gte", "lte" -> {
                String sqlOp = c.op().equals("gte") ? " >= :" : " <= :";
                try {
                    params.put(p, new BigDecimal(value));
                    return "c.id IN (" + lookup + "v.number_value" + sqlOp + p + ")";
                } catch (NumberFormatException notANumber) {
                    try {
                        params.put(p, Date.valueOf(LocalDate.parse(value)));
                        return "c.id IN (" + lookup + "v.date_value" + sqlOp + p + ")";
                    } catch (java.time.format.DateTimeParseException notADate) {
                        throw bad(c, "needs a number or a date (2024-05-17)");
                    }
                }
            }
            default -> throw bad(c, "takes eq, ne, in, gte or lte");
        }
    }

    private static InvalidRequestException bad(TagRule.Condition c, String message) {
        return InvalidRequestException.forField("rule", c.field() + " " + c.op() + " " + c.value() + ": " + message);
    }
}
