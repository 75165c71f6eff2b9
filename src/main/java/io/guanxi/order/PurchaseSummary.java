package io.guanxi.order;

import io.guanxi.shared.Money;
import java.time.Instant;
import java.util.List;

/**
 * What a customer has bought, kept up to date by every order and refund: first and last purchase,
 * number of orders, net spend (after refunds), average order value, store visits (days with a store
 * purchase) and the categories with the highest spend.
 */
public record PurchaseSummary(
        long customerId,
        Instant firstPurchaseAt,
        Instant lastPurchaseAt,
        long orderCount,
        Money spend,
        Money refunded,
        Money averageOrderValue,
        long visits,
        List<CategorySpend> topCategories) {

    /** Spend in one product category. */
    public record CategorySpend(String category, Money spend, long quantity) {}
}
