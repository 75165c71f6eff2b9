package io.guanxi.loyalty;

import java.time.Instant;

/** A customer moved to another tier (reason {@code UPGRADE} or {@code DOWNGRADE}). */
public record TierChanged(
        long customerId, String fromTier, String toTier, String reason, Instant occurredAt, String actor) {}
