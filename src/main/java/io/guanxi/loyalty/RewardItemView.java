package io.guanxi.loyalty;

import java.time.Instant;

/** A catalogue item; {@code stock} and {@code perCustomerLimit} are null when unlimited. */
public record RewardItemView(
        long id,
        String name,
        RewardKind kind,
        long pointsPrice,
        Long templateId,
        Integer stock,
        Integer perCustomerLimit,
        boolean active,
        Instant createdAt) {}
