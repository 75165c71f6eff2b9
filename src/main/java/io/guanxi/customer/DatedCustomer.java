package io.guanxi.customer;

import java.time.Instant;

/**
 * Customer details with the moment the customer record came into being (bulk loads, history) and,
 * optionally, the customer's id in the source system it came from.
 */
public record DatedCustomer(CustomerDetails details, Instant createdAt, ExternalId externalId) {

    public DatedCustomer(CustomerDetails details, Instant createdAt) {
        this(details, createdAt, null);
    }
}
