package io.guanxi.loyalty;

import java.time.Instant;
import java.util.Map;

/**
 * Units of products refunded or cancelled on an order ({@code source}, e.g. {@code order:42}), SKU to
 * units; {@code reference} names the refund (e.g. {@code refund:7}).
 */
public record PackageReturn(
        long customerId, String source, String reference, Map<String, Integer> quantities, String actor, Instant at) {

    public PackageReturn {
        quantities = Map.copyOf(quantities);
    }
}
