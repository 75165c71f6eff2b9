package io.guanxi.order;

import io.guanxi.shared.Money;

/** Money was paid back on an order; {@code fullyRefunded} when nothing of it is left. */
public record OrderRefunded(long orderId, long refundId, long customerId, Money amount, boolean fullyRefunded) {}
