package io.guanxi.loyalty;

import java.time.Instant;

/** One ledger line. */
public record PointsMovementView(
        long id,
        long customerId,
        MovementType type,
        long points,
        String reason,
        String source,
        String actor,
        String note,
        Instant occurredAt) {}
