package io.guanxi.customer.domain.timeline;

import io.guanxi.shared.InvalidRequestException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Where a timeline page ends: the next page holds the entries before this one (newest first, ties
 * on the same instant broken by id). Written as {@code 2026-11-23T10:15:30.123456Z~4711}.
 */
public record TimelineCursor(Instant occurredAt, long id) {

    public static TimelineCursor parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        int tilde = text.lastIndexOf('~');
        try {
            if (tilde > 0) {
                return new TimelineCursor(
                        Instant.parse(text.substring(0, tilde)), Long.parseLong(text.substring(tilde + 1)));
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            // reported below
        }
        throw InvalidRequestException.forField("before", "not a timeline position (instant~id)");
    }

    @Override
    public String toString() {
        return occurredAt + "~" + id;
    }
}
