package io.guanxi.loyalty;

import io.guanxi.shared.Money;
import java.time.Instant;

/** A rule that issues a coupon of a template by itself; {@code minOrderAmount} only for ORDER_ABOVE. */
public record CouponRuleView(
        long id, CouponTrigger trigger, long templateId, Money minOrderAmount, boolean active, Instant createdAt) {}
