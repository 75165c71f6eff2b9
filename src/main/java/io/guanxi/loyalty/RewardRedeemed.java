package io.guanxi.loyalty;

import java.time.Instant;

/** What a catalogue redemption did: the points spent, the stock left (null = unlimited), the coupon issued. */
public record RewardRedeemed(
        long redemptionId,
        long customerId,
        long itemId,
        String itemName,
        long points,
        Integer stockLeft,
        CouponView coupon,
        PointsMovementView movement,
        Instant occurredAt) {}
