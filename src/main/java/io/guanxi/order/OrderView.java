package io.guanxi.order;

import io.guanxi.shared.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An order as the API shows it. */
public record OrderView(
        long id,
        long customerId,
        long storeId,
        SalesChannel channel,
        OrderStatus status,
        String externalRef,
        Instant placedAt,
        LocalDate businessDate,
        Money subtotal,
        Money orderDiscount,
        String couponCode,
        Money couponAmount,
        String tier,
        Money tierDiscount,
        long pointsUsed,
        Money pointsAmount,
        Money payable,
        Money refunded,
        long pointsEarned,
        String campaign,
        List<LineView> lines,
        List<PaymentView> payments,
        List<RefundView> refunds) {

    /** One order line. */
    public record LineView(
            int lineNo,
            String sku,
            String category,
            int quantity,
            Money unitPrice,
            Money discount,
            Money netAmount,
            int refundedQuantity) {}

    /** One payment. */
    public record PaymentView(String method, Money amount) {}
}
