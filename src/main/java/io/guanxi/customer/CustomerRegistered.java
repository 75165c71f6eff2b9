package io.guanxi.customer;

/** A new customer record exists. */
public record CustomerRegistered(long customerId, Long storeId, Long ownerId) {}
