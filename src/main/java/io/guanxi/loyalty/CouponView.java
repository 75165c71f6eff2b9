package io.guanxi.loyalty;

import io.guanxi.shared.Money;
import java.time.Instant;

/** An issued coupon: its code, template, state and validity, and the order it was used on. */
public record CouponView(
        long id,
        String code,
        long templateId,
        String templateName,
        CouponKind kind,
        long customerId,
        CouponState state,
        Instant validFrom,
        Instant validUntil,
        String issuedVia,
        String campaign,
        String redeemedOn,
        Money discount,
        String issuedBy,
        Instant issuedAt,
        Instant changedAt) {}
