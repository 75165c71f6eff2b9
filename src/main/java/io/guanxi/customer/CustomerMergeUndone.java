package io.guanxi.customer;

/** A merge was undone: {@code mergedId} is a customer of its own again. */
public record CustomerMergeUndone(long mergeId, long survivorId, long mergedId) {}
