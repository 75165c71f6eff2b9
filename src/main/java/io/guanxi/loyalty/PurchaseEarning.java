package io.guanxi.loyalty;

import io.guanxi.shared.Money;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Points to earn for a purchase: the amounts actually paid per product category, where and when.
 * {@code source} identifies the purchase (e.g. {@code order:42}); earning twice for one source is a
 * no-op that returns the first result.
 */
public record PurchaseEarning(
        long customerId,
        String source,
        Instant occurredAt,
        ZoneId zone,
        String campaign,
        List<CategoryAmount> amounts,
        String actor) {

    public PurchaseEarning {
        amounts = List.copyOf(amounts);
    }

    /** Money paid for one product category. */
    public record CategoryAmount(String category, Money amount) {}
}
