package io.guanxi.loyalty;

import java.time.Instant;

/**
 * A customer's points at one instant: the ledger balance, what can be spent now, what is still in its
 * return window, and what expires before {@code expiringBefore}.
 */
public record PointsBalance(
        long customerId,
        String tier,
        long balance,
        long available,
        long pending,
        long expiringSoon,
        Instant expiringBefore,
        Instant asOf) {}
