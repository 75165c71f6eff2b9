package io.guanxi.customer;

/**
 * How another module's record (an imported order, say) names its customer: the customer's id in the
 * source system the record comes from, a phone number as written, and a name for a customer that
 * has to be created. {@code storeId} places a new customer in a store (may be null).
 */
public record CustomerReference(String externalId, String phone, String name, Long storeId) {}
