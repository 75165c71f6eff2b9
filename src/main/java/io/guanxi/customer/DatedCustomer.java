package io.guanxi.customer;

import java.time.Instant;

/** Customer details with the moment the customer record came into being (bulk loads, history). */
public record DatedCustomer(CustomerDetails details, Instant createdAt) {}
