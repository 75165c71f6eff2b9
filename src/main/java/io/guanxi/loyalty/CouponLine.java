package io.guanxi.loyalty;

import io.guanxi.shared.Money;

/** One line of an order a coupon is applied to: the product, its category, units and the net amount. */
public record CouponLine(String sku, String category, int quantity, Money net) {}
