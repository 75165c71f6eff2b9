package io.guanxi.customer.domain.timeline;

import io.guanxi.customer.TimelineEntryPublished;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * A timeline entry on its way into the table, cut to the column sizes. Every write path (events,
 * bulk, the customer module's own happenings, notes) goes through it.
 */
record TimelineRow(
        String type,
        Instant occurredAt,
        String title,
        String detail,
        String sourceModule,
        String sourceRef,
        String actor) {

    static TimelineRow of(TimelineEntryPublished e) {
        return new TimelineRow(
                e.type(),
                e.occurredAt(),
                cut(e.title().strip(), 200),
                e.detail() == null || e.detail().isBlank()
                        ? null
                        : cut(e.detail().strip(), 2000),
                e.sourceModule(),
                e.sourceRef(),
                cut(e.actor(), 64));
    }

    Object[] values(long customerId, long originId, Instant now) {
        return new Object[] {
            customerId,
            originId,
            type,
            Timestamp.from(occurredAt),
            title,
            detail,
            sourceModule,
            sourceRef,
            actor,
            Timestamp.from(now)
        };
    }

    static String cut(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "…";
    }
}
