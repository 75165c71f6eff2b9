package io.guanxi.loyalty;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Qualifying activity of one purchase (positive) or one refund (negative), dated on the purchase's
 * business day in the store's zone so that a refund leaves the rolling window with its purchase.
 * {@code source} identifies it (e.g. {@code order:42}, {@code refund:7}); recording one source twice
 * does nothing.
 *
 * @param orders 1 for a purchase, -1 for the refund or cancellation that leaves nothing of it, else 0
 * @param points qualifying points (those the purchase earned; a refund takes back what it reversed)
 */
public record TierActivity(
        long customerId,
        String source,
        String purchaseSource,
        java.time.LocalDate businessDate,
        BigDecimal spend,
        int orders,
        long points,
        String actor) {

    public TierActivity {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(purchaseSource, "purchaseSource");
        Objects.requireNonNull(businessDate, "businessDate");
        Objects.requireNonNull(spend, "spend");
    }
}
