package io.guanxi.loyalty;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * Products bought on an order, for granting the service packages among them: SKU to units. Each unit
 * of a package grants one entitlement; {@code source} (e.g. {@code order:42}) makes it idempotent.
 */
public record PackagePurchase(
        long customerId,
        Long storeId,
        String source,
        Instant occurredAt,
        ZoneId zone,
        Map<String, Integer> quantities,
        String actor) {

    public PackagePurchase {
        quantities = Map.copyOf(quantities);
    }
}
