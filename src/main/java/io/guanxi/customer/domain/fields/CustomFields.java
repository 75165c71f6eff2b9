package io.guanxi.customer.domain.fields;

import io.guanxi.customer.CustomField;
import io.guanxi.identity.AuditTrail;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.NotFoundException;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Custom fields: their definitions, and each customer's values, checked and normalised by type
 * (numbers as plain decimals, dates as ISO dates, choices only from the list) before they are kept.
 */
@Service
@Transactional
public class CustomFields {

    private static final Pattern KEY = Pattern.compile("^[a-z][a-z0-9_]{0,39}$");

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    CustomFields(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<CustomField> all() {
        return jdbc.sql("SELECT * FROM custom_field ORDER BY position, id")
                .query(this::map)
                .list();
    }

    public CustomField define(String key, String label, CustomField.Type type, List<String> choices) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw InvalidRequestException.forField("key", "must be lower-case letters, digits and _ (up to 40)");
        }
        if (label == null || label.isBlank() || label.length() > 80) {
            throw InvalidRequestException.forField("label", "must be 1 to 80 characters");
        }
        if (type == null) {
            throw InvalidRequestException.forField("type", "must be TEXT, NUMBER, DATE or CHOICE");
        }
        List<String> options = choices == null
                ? List.of()
                : choices.stream()
                        .map(String::strip)
                        .filter(c -> !c.isEmpty())
                        .distinct()
                        .toList();
        if (type == CustomField.Type.CHOICE && options.isEmpty()) {
            throw InvalidRequestException.forField("choices", "a choice field needs its choices");
        }
        int position = jdbc.sql("SELECT COALESCE(MAX(position), 0) + 1 FROM custom_field")
                .query(Integer.class)
                .single();
        try {
            jdbc.sql("INSERT INTO custom_field (field_key, label, field_type, choices, position, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")
                    .params(
                            key,
                            label.strip(),
                            type.name(),
                            options.isEmpty() ? null : String.join("\n", options),
                            position,
                            Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw ConflictException.because("A field with the key \"" + key + "\" exists already");
        }
        audit.record("CUSTOM_FIELD_DEFINED", "custom_field", key, type + " " + label);
        return byKey(key);
    }

    public void delete(long id) {
        if (jdbc.sql("DELETE FROM custom_field WHERE id = ?").param(id).update() == 0) {
            throw NotFoundException.of("Custom field", id);
        }
        audit.record("CUSTOM_FIELD_DELETED", "custom_field", id, null);
    }

    @Transactional(readOnly = true)
    public CustomField byKey(String key) {
        return jdbc.sql("SELECT * FROM custom_field WHERE field_key = ?")
                .param(key)
                .query(this::map)
                .optional()
                .orElseThrow(() -> NotFoundException.of("Custom field", key));
    }

    /** One customer's values by field key, in the fields' order. */
    @Transactional(readOnly = true)
    public Map<String, String> values(long customerId) {
        Map<String, String> values = new LinkedHashMap<>();
        jdbc.sql("SELECT f.field_key, v.text_value FROM customer_field_value v JOIN custom_field f ON f.id = v.field_id"
                        + " WHERE v.customer_id = ? ORDER BY f.position, f.id")
                .param(customerId)
                .query(rs -> {
                    values.put(rs.getString(1), rs.getString(2));
                });
        return values;
    }

    /**
     * Sets values by field key; a blank value removes it, keys not mentioned stay as they are. All
     * values are checked first, and every problem is reported at once with its field.
     */
    public Map<String, String> set(long customerId, Map<String, String> changes) {
        Map<String, CustomField> fields = new LinkedHashMap<>();
        all().forEach(f -> fields.put(f.key(), f));
        List<InvalidRequestException.FieldProblem> problems = new ArrayList<>();
        Map<CustomField, Normalised> parsed = new LinkedHashMap<>();
        changes.forEach((key, raw) -> {
            CustomField field = fields.get(key);
            if (field == null) {
                problems.add(new InvalidRequestException.FieldProblem(key, "is not a custom field"));
                return;
            }
            try {
                parsed.put(field, normalise(field, raw));
            } catch (IllegalArgumentException e) {
                problems.add(new InvalidRequestException.FieldProblem(key, e.getMessage()));
            }
        });
        if (!problems.isEmpty()) {
            throw InvalidRequestException.forFields(problems);
        }
        parsed.forEach((field, value) -> {
            jdbc.sql("DELETE FROM customer_field_value WHERE customer_id = ? AND field_id = ?")
                    .params(customerId, field.id())
                    .update();
            if (value != null) {
                jdbc.sql(
                                "INSERT INTO customer_field_value (customer_id, field_id, text_value, number_value, date_value)"
                                        + " VALUES (?, ?, ?, ?, ?)")
                        .params(
                                customerId,
                                field.id(),
                                value.text(),
                                value.number(),
                                value.date() == null ? null : Date.valueOf(value.date()))
                        .update();
            }
        });
        return values(customerId);
    }

    /** A value as it is kept: normalised text, and the number or date it stands for; null to remove. */
    public record Normalised(String text, BigDecimal number, LocalDate date) {}

    /** Checks and normalises one value; the message of the exception says what is wrong. */
    public static Normalised normalise(CustomField field, String raw) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > 500) {
            throw new IllegalArgumentException("is longer than 500 characters");
        }
        return switch (field.type()) {
            case TEXT -> new Normalised(value, null, null);
            case NUMBER -> {
                try {
                    BigDecimal number = new BigDecimal(value.replace(",", "").replace("，", ""));
                    if (number.abs().compareTo(new BigDecimal("1e14")) >= 0) {
                        throw new IllegalArgumentException("is too large");
                    }
                    yield new Normalised(number.stripTrailingZeros().toPlainString(), number, null);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("\"" + value + "\" is not a number");
                }
            }
            case DATE -> {
                try {
                    LocalDate date = LocalDate.parse(
                            value.replace('/', '-').replace('.', '-'),
                            java.time.format.DateTimeFormatter.ofPattern("uuuu-M-d"));
                    yield new Normalised(date.toString(), null, date);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("\"" + value + "\" is not a date (use 2024-05-17)");
                }
            }
            case CHOICE -> {
                String match = field.choices().stream()
                        .filter(c -> c.equalsIgnoreCase(value))
                        .findFirst()
                        .orElseThrow(() ->
                                new IllegalArgumentException("\"" + value + "\" is not one of " + field.choices()));
                yield new Normalised(match, null, null);
            }
        };
    }

    private CustomField map(ResultSet rs, int n) throws SQLException {
        String choices = rs.getString("choices");
        return new CustomField(
                rs.getLong("id"),
                rs.getString("field_key"),
                rs.getString("label"),
                CustomField.Type.valueOf(rs.getString("field_type")),
                choices == null ? List.of() : Arrays.asList(choices.split("\n")));
    }
}
