package io.guanxi.customer.domain;

import io.guanxi.customer.CustomerKind;

/** The filters of a customer list (and of its export): search text, kind, store and tag. */
public record CustomerQuery(String q, CustomerKind kind, Long storeId, Long tagId) {}
