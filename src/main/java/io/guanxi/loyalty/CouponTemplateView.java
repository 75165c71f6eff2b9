package io.guanxi.loyalty;

import io.guanxi.shared.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A coupon template. Validity is either fixed ({@code validFrom}–{@code validUntil}) or
 * {@code validDays} after issue; {@code perCustomerLimit} and {@code totalQuantity} are null when
 * unlimited; empty {@code categories} and {@code skus} mean every product.
 */
public record CouponTemplateView(
        long id,
        String name,
        CouponKind kind,
        Money amountOff,
        BigDecimal percentOff,
        Money maxDiscount,
        Money minSpend,
        String benefit,
        List<String> categories,
        List<String> skus,
        Instant validFrom,
        Instant validUntil,
        Integer validDays,
        Integer perCustomerLimit,
        Integer totalQuantity,
        int issuedCount,
        boolean active,
        Instant createdAt) {}
