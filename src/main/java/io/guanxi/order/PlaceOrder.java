package io.guanxi.order;

import io.guanxi.shared.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * An order to record, from any channel. Unit prices default to the catalogue price; amounts are
 * money with a currency. {@code pointsToRedeem} pays part of the order with points (cash deduction).
 * {@code couponCode} uses one of the customer's coupons; the server works out what it takes off, and a
 * {@code couponAmount} that differs from that is refused (it may be left out).
 * Payments, when given, must add up to what is left to pay.
 */
public record PlaceOrder(
        @NotNull Long customerId,
        @NotNull Long storeId,
        @NotNull SalesChannel channel,
        Instant placedAt,
        @Size(max = 100) String externalRef,
        @NotEmpty @Size(max = 500) List<@Valid @NotNull Line> lines,
        @Valid Money orderDiscount,
        @Size(max = 64) String couponCode,
        @Valid Money couponAmount,
        @PositiveOrZero Long pointsToRedeem,
        @Size(max = 64) String campaign,
        @Size(max = 20) List<@Valid @NotNull Payment> payments) {

    public PlaceOrder {
        payments = payments == null ? List.of() : List.copyOf(payments);
        pointsToRedeem = pointsToRedeem == null ? 0L : pointsToRedeem;
        lines = lines == null ? null : List.copyOf(lines);
    }

    /** The same order with the coupon amount worked out by the server. */
    public PlaceOrder withCouponAmount(Money amount) {
        return new PlaceOrder(
                customerId,
                storeId,
                channel,
                placedAt,
                externalRef,
                lines,
                orderDiscount,
                couponCode,
                amount,
                pointsToRedeem,
                campaign,
                payments);
    }

    /** One product on the order. */
    public record Line(
            @NotBlank @Size(max = 64) String sku,
            @Positive int quantity,
            @Valid Money unitPrice,
            @Valid Money discount) {}

    /** One payment (cash, card, WeChat Pay, Alipay, voucher ...). */
    public record Payment(
            @NotBlank @Size(max = 30) String method,
            @NotNull @Valid Money amount) {}
}
