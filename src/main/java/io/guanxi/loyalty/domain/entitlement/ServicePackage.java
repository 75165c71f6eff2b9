package io.guanxi.loyalty.domain.entitlement;

import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.InvalidRequestException.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * A value-added service sold as a product (its SKU): how many uses one unit gives, for how many
 * months, and — for services that should come back (maintenance, cleaning) — after how many days
 * from a use the customer is reminded of the next one.
 */
public record ServicePackage(
        long id,
        String sku,
        String name,
        Kind kind,
        int uses,
        int validityMonths,
        Integer reminderDays,
        boolean active) {

    /** What the package is. */
    public enum Kind {
        EXTENDED_WARRANTY,
        MAINTENANCE,
        CLEANING,
        TRAINING,
        OTHER
    }

    /** Checks a new definition; every problem at once. */
    public static ServicePackage define(
            String sku, String name, Kind kind, Integer uses, Integer validityMonths, Integer reminderDays) {
        List<FieldProblem> problems = new ArrayList<>();
        if (sku == null || sku.isBlank() || sku.strip().length() > 64) {
            problems.add(new FieldProblem("sku", "must be 1 to 64 characters"));
        }
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            problems.add(new FieldProblem("name", "must be 1 to 200 characters"));
        }
        if (kind == null) {
            problems.add(new FieldProblem("kind", "is required"));
        }
        if (uses == null || uses < 1 || uses > 1000) {
            problems.add(new FieldProblem("uses", "must be 1 to 1000"));
        }
        if (validityMonths == null || validityMonths < 1 || validityMonths > 240) {
            problems.add(new FieldProblem("validityMonths", "must be 1 to 240"));
        }
        if (reminderDays != null && (reminderDays < 1 || reminderDays > 3650)) {
            problems.add(new FieldProblem("reminderDays", "must be 1 to 3650, or empty for no reminder"));
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.forFields(problems);
        }
        return new ServicePackage(0, sku.strip(), name.strip(), kind, uses, validityMonths, reminderDays, true);
    }
}
