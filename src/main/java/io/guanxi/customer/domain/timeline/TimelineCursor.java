package io.guanxi.customer.domain.timeline;

import io.guanxi.shared.InvalidRequestException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Where a timeline page ends: the next page holds the entries before this one (newest first, ties
 * on the same instant broken by source, then id). Written as {@code 2026-11-23T10:15:30.123456Z~4711}
 * for a stored entry, {@code 2026-11-23T10:15:30.123456Z~order~4711} for an entry of a
 * {@link io.guanxi.customer.TimelineSource} (an empty {@code source} is the stored entries).
 */
public record TimelineCursor(Instant occurredAt, String source, long id) {

    private static final Pattern SOURCE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    public TimelineCursor(Instant occurredAt, long id) {
        this(occurredAt, "", id);
    }

    public static TimelineCursor parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] parts = text.split("~", -1);
        try {
            if (parts.length == 2 && !parts[0].isEmpty()) {
                return new TimelineCursor(Instant.parse(parts[0]), "", Long.parseLong(parts[1]));
            }
            if (parts.length == 3 && SOURCE_NAME.matcher(parts[1]).matches()) {
                return new TimelineCursor(Instant.parse(parts[0]), parts[1], Long.parseLong(parts[2]));
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            // reported below
        }
        throw InvalidRequestException.forField("before", "not a timeline position (instant~id or instant~source~id)");
    }

    @Override
    public String toString() {
        return source.isEmpty() ? occurredAt + "~" + id : occurredAt + "~" + source + "~" + id;
    }
}
