/**
 * Order: the product catalogue, orders from every channel with their lines, discounts, coupons,
 * points and payments, refunds, and per-customer purchase aggregates kept up to date as orders
 * arrive. Points move through {@code LoyaltyApi} in the order's own transaction.
 */
@ApplicationModule(
        displayName = "Order",
        allowedDependencies = {"customer", "identity", "imports", "loyalty", "shared"})
package io.guanxi.order;

import org.springframework.modulith.ApplicationModule;
