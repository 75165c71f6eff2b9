package io.guanxi.order;

import io.guanxi.shared.Money;
import java.time.Instant;

/** An order in a list: what was paid, refunded and moved in points. */
public record OrderSummary(
        long id,
        long storeId,
        SalesChannel channel,
        OrderStatus status,
        Instant placedAt,
        Money payable,
        Money refunded,
        long pointsUsed,
        long pointsEarned) {}
