package io.guanxi.customer;

/** Two customer records became one: everything linked to {@code mergedId} belongs to {@code survivorId}. */
public record CustomersMerged(long mergeId, long survivorId, long mergedId) {}
