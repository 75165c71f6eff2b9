package io.guanxi.loyalty;

import io.guanxi.shared.Money;
import java.time.Instant;

/** One line of a coupon's history: ISSUED, REDEEMED, RETURNED, EXPIRED or VOIDED. */
public record CouponEventView(
        long id,
        long couponId,
        String type,
        String reference,
        Money discount,
        String actor,
        String note,
        Instant occurredAt) {}
