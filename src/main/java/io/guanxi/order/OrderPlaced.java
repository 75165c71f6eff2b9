package io.guanxi.order;

import io.guanxi.shared.Money;
import java.time.Instant;

/** An order was recorded (with its points). */
public record OrderPlaced(
        long orderId, long customerId, long storeId, SalesChannel channel, Money payable, Instant placedAt) {}
