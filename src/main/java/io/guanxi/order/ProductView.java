package io.guanxi.order;

import io.guanxi.shared.Money;

/** A product in the catalogue. */
public record ProductView(
        long id, String sku, String name, String categoryCode, String categoryName, Money price, boolean active) {}
