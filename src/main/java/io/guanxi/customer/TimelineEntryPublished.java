package io.guanxi.customer;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Something happened with a customer that belongs on their timeline (客户360): an order, a points
 * movement, a visit, a call, a ticket... Any module publishes it, inside its own transaction; the
 * customer module writes it after that transaction commits, through the event publication registry,
 * so it is not lost when the instance stops. {@code sourceModule} and {@code sourceRef} identify the
 * happening at its source (e.g. module {@code sales}, reference {@code order:SO-1001}): publishing it again does
 * not add a second entry. Types are open: {@code ORDER}, {@code POINTS}, {@code VISIT},
 * {@code CALL}, {@code MESSAGE}, {@code TICKET}, {@code SURVEY}, {@code CAMPAIGN}, {@code NOTE}...
 * Entries for a customer that was merged show on the survivor.
 *
 * @param actor who did it (a username), or null
 */
public record TimelineEntryPublished(
        long customerId,
        String type,
        Instant occurredAt,
        String title,
        String detail,
        String sourceModule,
        String sourceRef,
        String actor) {

    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    public TimelineEntryPublished {
        type = type(type);
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("A timeline entry needs a title");
        }
        if (sourceModule == null || sourceModule.isBlank() || sourceModule.length() > 40) {
            throw new IllegalArgumentException("A timeline entry needs its source module (at most 40 characters)");
        }
        if (sourceRef == null || sourceRef.isBlank() || sourceRef.length() > 200) {
            throw new IllegalArgumentException("A timeline entry needs a source reference (at most 200 characters)");
        }
    }

    public TimelineEntryPublished(
            long customerId,
            String type,
            Instant occurredAt,
            String title,
            String detail,
            String sourceModule,
            String sourceRef) {
        this(customerId, type, occurredAt, title, detail, sourceModule, sourceRef, null);
    }

    /** A timeline type in its stored form (upper case, letters, digits and underscores, at most 32). */
    public static String type(String type) {
        String upper = type == null ? "" : type.strip().toUpperCase(java.util.Locale.ROOT);
        if (!TYPE.matcher(upper).matches()) {
            throw new IllegalArgumentException("Not a timeline type: " + type);
        }
        return upper;
    }
}
