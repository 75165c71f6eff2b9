package io.guanxi.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A refund of some lines (quantities) of an order; no lines means everything not yet refunded. */
public record RefundOrder(
        @Size(max = 500) List<@Valid @NotNull Line> lines,
        @Size(max = 500) String reason) {

    public RefundOrder {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** Units of one order line to refund. */
    public record Line(@Positive int lineNo, @Positive int quantity) {}
}
