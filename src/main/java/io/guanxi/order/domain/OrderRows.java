package io.guanxi.order.domain;

import io.guanxi.order.OrderView;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * How an order, its lines and its payments are stored: the columns and each row's values, the same
 * for an order placed on its own ({@link Orders#insert}) and for orders written in bulk
 * ({@link OrderBulkWriter}).
 */
final class OrderRows {

    static final List<String> ORDER_COLUMNS = List.of(
            "customer_id",
            "store_id",
            "channel",
            "status",
            "external_ref",
            "external_source",
            "currency",
            "placed_at",
            "business_date",
            "subtotal",
            "order_discount",
            "coupon_code",
            "coupon_amount",
            "points_used",
            "points_amount",
            "payable",
            "refunded_amount",
            "points_earned",
            "campaign",
            "created_by",
            "created_at",
            "tier_code",
            "tier_discount");
    static final List<String> LINE_COLUMNS = List.of(
            "order_id",
            "line_no",
            "product_id",
            "sku",
            "category_code",
            "quantity",
            "unit_price",
            "discount",
            "net_amount",
            "refunded_quantity");
    static final List<String> LINE_COLUMNS_WITH_COUPON = java.util.stream.Stream.concat(
                    LINE_COLUMNS.stream(), java.util.stream.Stream.of("coupon_share"))
            .toList();
    static final List<String> PAYMENT_COLUMNS = List.of("order_id", "payment_no", "method", "amount");

    private OrderRows() {}

    /** The order's values in {@link #ORDER_COLUMNS} order; {@code externalSource} null for none. */
    static Object[] order(Order order, String externalSource, String actor, Instant now) {
        return new Object[] {
            order.customerId(),
            order.storeId(),
            order.channel().name(),
            order.status().name(),
            order.externalRef(),
            externalSource == null ? "" : externalSource,
            order.currency(),
            order.placedAt(),
            order.businessDate(),
            order.subtotal(),
            order.orderDiscount(),
            order.couponCode(),
            order.couponAmount(),
            order.pointsUsed(),
            order.pointsAmount(),
            order.payable(),
            order.refunded(),
            order.pointsEarned(),
            order.campaign(),
            actor,
            now,
            order.tierCode(),
            order.tierDiscount() == null ? java.math.BigDecimal.ZERO : order.tierDiscount()
        };
    }

    static Object[] line(Order order, Order.Line line) {
        return new Object[] {
            order.id(),
            line.lineNo,
            line.productId,
            line.sku,
            line.category,
            line.quantity,
            line.unitPrice,
            line.discount,
            line.net,
            line.refundedQuantity
        };
    }

    static Object[] lineWithCoupon(Order order, Order.Line line) {
        Object[] plain = line(order, line);
        Object[] row = java.util.Arrays.copyOf(plain, plain.length + 1);
        row[plain.length] = line.couponShare;
        return row;
    }

    /** The order's {@code number}th payment (from 1). */
    static Object[] payment(Order order, int number, OrderView.PaymentView payment) {
        return new Object[] {
            order.id(), number, payment.method(), payment.amount().amount()
        };
    }

    /** A single-row insert of the columns. */
    static String insert(String table, List<String> columns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    }
}
