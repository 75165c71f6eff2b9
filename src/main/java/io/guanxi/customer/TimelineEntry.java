package io.guanxi.customer;

import java.time.Instant;

/**
 * One entry on a customer's timeline as pages and the API show it. {@code originCustomerId} differs
 * from {@code customerId} when the entry came with a merged customer.
 */
public record TimelineEntry(
        long id,
        long customerId,
        long originCustomerId,
        String type,
        Instant occurredAt,
        String title,
        String detail,
        String sourceModule,
        String sourceRef,
        String actor) {}
