package io.guanxi.order;

import io.guanxi.shared.Money;
import java.time.Instant;
import java.util.List;

/**
 * One refund: the money paid back (after any deduction for earned points already spent), and what
 * it did to points.
 */
public record RefundView(
        long id,
        long orderId,
        Money amount,
        Money pointsDeduction,
        long pointsReversed,
        long pointsRestored,
        String reason,
        Instant createdAt,
        List<Line> lines) {

    /** Units refunded of one order line. */
    public record Line(int lineNo, int quantity) {}
}
