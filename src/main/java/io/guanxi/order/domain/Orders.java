package io.guanxi.order.domain;

import io.guanxi.order.OrderStatus;
import io.guanxi.order.OrderSummary;
import io.guanxi.order.OrderView;
import io.guanxi.order.RefundView;
import io.guanxi.order.SalesChannel;
import io.guanxi.shared.Money;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.PageResult;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Orders, their lines, payments and refunds in the database. */
@Repository
public class Orders {

    private static final String COLUMNS = "id, customer_id, store_id, channel, status, external_ref, currency,"
            + " placed_at, business_date, subtotal, order_discount, coupon_code, coupon_amount, points_used,"
            + " points_amount, payable, refunded_amount, points_earned, campaign, tier_code, tier_discount";

    private final JdbcClient jdbc;

    Orders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(Order order, String actor, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql(OrderRows.insert("customer_order", OrderRows.ORDER_COLUMNS))
                .params(io.guanxi.shared.persistence.BulkRows.jdbc(OrderRows.order(order, null, actor, now)))
                .update(keys, "id");
        order.stored(keys.getKey().longValue());
        for (Order.Line line : order.lines()) {
            // with the coupon's part on the line (imports, written by the bulk path, have no coupon)
            jdbc.sql(OrderRows.insert("order_line", OrderRows.LINE_COLUMNS_WITH_COUPON))
                    .params(OrderRows.lineWithCoupon(order, line))
                    .update();
        }
        List<OrderView.PaymentView> payments = order.payments();
        for (int i = 0; i < payments.size(); i++) {
            jdbc.sql(OrderRows.insert("order_payment", OrderRows.PAYMENT_COLUMNS))
                    .params(OrderRows.payment(order, i + 1, payments.get(i)))
                    .update();
        }
        return order.id();
    }

    public void recordPointsEarned(Order order, long points) {
        order.earned(points);
        jdbc.sql("UPDATE customer_order SET points_earned = ? WHERE id = ?")
                .params(points, order.id())
                .update();
    }

    public Optional<Order> find(long id) {
        return load(id, "");
    }

    /** The order under a row lock, so refunds of one order happen one after the other. */
    public Optional<Order> lock(long id) {
        return load(id, " FOR UPDATE");
    }

    private Optional<Order> load(long id, String lock) {
        if (!lock.isEmpty()
                && jdbc.sql("SELECT id FROM customer_order WHERE id = ?" + lock)
                        .param(id)
                        .query(Long.class)
                        .optional()
                        .isEmpty()) {
            return Optional.empty();
        }
        List<Order.Line> lines = jdbc.sql("SELECT line_no, product_id, sku, category_code, quantity, unit_price,"
                        + " discount, net_amount, refunded_quantity, coupon_share FROM order_line WHERE order_id = ?"
                        + " ORDER BY line_no")
                .param(id)
                .query(Orders::line)
                .list();
        Optional<Order> order = jdbc.sql("SELECT " + COLUMNS + " FROM customer_order WHERE id = ?")
                .param(id)
                .query((rs, n) -> header(rs, lines))
                .optional();
        order.ifPresent(o -> jdbc.sql("SELECT method, amount FROM order_payment WHERE order_id = ? ORDER BY payment_no")
                .param(id)
                .query((rs, n) -> new OrderView.PaymentView(
                        rs.getString("method"), new Money(rs.getBigDecimal("amount"), o.currency())))
                .list()
                .forEach(o::addStoredPayment));
        return order;
    }

    private static Order header(ResultSet rs, List<Order.Line> lines) throws SQLException {
        return new Order(
                rs.getLong("id"),
                rs.getLong("customer_id"),
                rs.getLong("store_id"),
                SalesChannel.valueOf(rs.getString("channel")),
                OrderStatus.valueOf(rs.getString("status")),
                rs.getString("external_ref"),
                rs.getTimestamp("placed_at").toInstant(),
                rs.getDate("business_date").toLocalDate(),
                rs.getString("currency").strip(),
                rs.getBigDecimal("subtotal"),
                rs.getBigDecimal("order_discount"),
                rs.getString("coupon_code"),
                rs.getBigDecimal("coupon_amount"),
                rs.getLong("points_used"),
                rs.getBigDecimal("points_amount"),
                rs.getBigDecimal("payable"),
                rs.getBigDecimal("refunded_amount"),
                rs.getLong("points_earned"),
                rs.getString("campaign"),
                lines,
                rs.getString("tier_code"),
                rs.getBigDecimal("tier_discount"));
    }

    private static Order.Line line(ResultSet rs, int n) throws SQLException {
        return new Order.Line(
                rs.getInt("line_no"),
                rs.getLong("product_id"),
                rs.getString("sku"),
                rs.getString("category_code"),
                rs.getInt("quantity"),
                rs.getBigDecimal("unit_price"),
                rs.getBigDecimal("discount"),
                rs.getBigDecimal("net_amount"),
                rs.getInt("refunded_quantity"),
                rs.getBigDecimal("coupon_share"));
    }

    /** Stores a refund as worked out by the order; the money and points are completed by {@link #completeRefund}. */
    public long insertRefund(Order order, Order.Refund refund, String reason, String actor, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO order_refund (order_id, amount, points_deduction, points_reversed, points_restored,"
                        + " reason, created_by, created_at) VALUES (?, ?, 0, 0, 0, ?, ?, ?)")
                .params(order.id(), refund.amount(), reason, actor, Timestamp.from(now))
                .update(keys, "id");
        long refundId = keys.getKey().longValue();
        refund.quantities()
                .forEach((line, qty) -> jdbc.sql(
                                "INSERT INTO order_refund_line (refund_id, order_id, line_no, quantity) VALUES (?, ?, ?, ?)")
                        .params(refundId, order.id(), line.lineNo, qty)
                        .update());
        for (Order.Line line : order.lines()) {
            if (refund.quantities().containsKey(line)) {
                jdbc.sql("UPDATE order_line SET refunded_quantity = ? WHERE order_id = ? AND line_no = ?")
                        .params(line.refundedQuantity, order.id(), line.lineNo)
                        .update();
            }
        }
        jdbc.sql("UPDATE customer_order SET status = ?, refunded_amount = ? WHERE id = ?")
                .params(order.status().name(), order.refunded(), order.id())
                .update();
        return refundId;
    }

    public void completeRefund(long refundId, BigDecimal paidOut, BigDecimal deduction, long reversed, long restored) {
        jdbc.sql("UPDATE order_refund SET amount = ?, points_deduction = ?, points_reversed = ?, points_restored = ?"
                        + " WHERE id = ?")
                .params(paidOut, deduction, reversed, restored, refundId)
                .update();
    }

    public List<RefundView> refunds(long orderId, String currency) {
        Map<Long, List<RefundView.Line>> lines = new LinkedHashMap<>();
        jdbc.sql("SELECT refund_id, line_no, quantity FROM order_refund_line WHERE order_id = ? ORDER BY line_no")
                .param(orderId)
                .query(rs -> {
                    lines.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new RefundView.Line(rs.getInt(2), rs.getInt(3)));
                });
        return jdbc.sql("SELECT id, order_id, amount, points_deduction, points_reversed, points_restored, reason,"
                        + " created_at FROM order_refund WHERE order_id = ? ORDER BY id")
                .param(orderId)
                .query((rs, n) -> new RefundView(
                        rs.getLong("id"),
                        rs.getLong("order_id"),
                        new Money(rs.getBigDecimal("amount"), currency),
                        new Money(rs.getBigDecimal("points_deduction"), currency),
                        rs.getLong("points_reversed"),
                        rs.getLong("points_restored"),
                        rs.getString("reason"),
                        rs.getTimestamp("created_at").toInstant(),
                        lines.getOrDefault(rs.getLong("id"), List.of())))
                .list();
    }

    public static final Map<String, String> SORT = Map.of("placedAt", "placed_at", "payable", "payable");

    /** A customer's orders, one page at a time (without lines; those come with one order). */
    public PageResult<OrderSummary> ofCustomer(long customerId, PageQuery page) {
        long total = jdbc.sql("SELECT COUNT(*) FROM customer_order WHERE customer_id = ?")
                .param(customerId)
                .query(Long.class)
                .single();
        List<OrderSummary> rows = jdbc.sql("SELECT id, store_id, channel, status, placed_at, currency, payable,"
                        + " refunded_amount, points_used, points_earned FROM customer_order WHERE customer_id = ?"
                        + page.orderBy(SORT, "id DESC"))
                .param(customerId)
                .query((rs, n) -> {
                    String currency = rs.getString("currency").strip();
                    return new OrderSummary(
                            rs.getLong("id"),
                            rs.getLong("store_id"),
                            SalesChannel.valueOf(rs.getString("channel")),
                            OrderStatus.valueOf(rs.getString("status")),
                            rs.getTimestamp("placed_at").toInstant(),
                            new Money(rs.getBigDecimal("payable"), currency),
                            new Money(rs.getBigDecimal("refunded_amount"), currency),
                            rs.getLong("points_used"),
                            rs.getLong("points_earned"));
                })
                .list();
        return PageResult.of(rows, page, total);
    }

    /** An order in the list of recent orders. */
    public record Listed(
            long id,
            long customerId,
            long storeId,
            OrderStatus status,
            Instant placedAt,
            Money payable,
            Money refunded,
            long pointsUsed,
            long pointsEarned,
            String createdBy) {}

    /**
     * The newest orders, optionally only of one store or taken by one user, a page at a time (the
     * count stops at 10,000 so the list stays fast on a large table).
     */
    public PageResult<Listed> recent(Long storeId, String createdBy, PageQuery page) {
        Map<String, Object> params = new java.util.HashMap<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (storeId != null) {
            where.append(" AND store_id = :store");
            params.put("store", storeId);
        }
        if (createdBy != null) {
            where.append(" AND created_by = :createdBy");
            params.put("createdBy", createdBy);
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM (SELECT 1 FROM customer_order" + where + " LIMIT 10000) x")
                .params(params)
                .query(Long.class)
                .single();
        List<Listed> rows = jdbc.sql("SELECT id, customer_id, store_id, status, placed_at, currency, payable,"
                        + " refunded_amount, points_used, points_earned, created_by FROM customer_order" + where
                        + " ORDER BY placed_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", page.size())
                .param("offset", (long) page.page() * page.size())
                .query((rs, n) -> {
                    String currency = rs.getString("currency").strip();
                    return new Listed(
                            rs.getLong("id"),
                            rs.getLong("customer_id"),
                            rs.getLong("store_id"),
                            OrderStatus.valueOf(rs.getString("status")),
                            rs.getTimestamp("placed_at").toInstant(),
                            new Money(rs.getBigDecimal("payable"), currency),
                            new Money(rs.getBigDecimal("refunded_amount"), currency),
                            rs.getLong("points_used"),
                            rs.getLong("points_earned"),
                            rs.getString("created_by"));
                })
                .list();
        return PageResult.of(rows, page, total);
    }

    /** Moves a merged customer's orders to the survivor and remembers which ones moved. */
    public int moveToSurvivor(long mergeId, long mergedId, long survivorId) {
        jdbc.sql("INSERT INTO customer_order_move (merge_id, order_id, from_customer_id, to_customer_id)"
                        + " SELECT ?, id, customer_id, ? FROM customer_order WHERE customer_id = ?"
                        + " ON CONFLICT DO NOTHING")
                .params(mergeId, survivorId, mergedId)
                .update();
        return jdbc.sql("UPDATE customer_order SET customer_id = ? WHERE customer_id = ?")
                .params(survivorId, mergedId)
                .update();
    }

    /** Moves the orders a merge moved back to where they came from. */
    public int moveBack(long mergeId, long survivorId) {
        int moved = jdbc.sql(
                        "UPDATE customer_order SET customer_id = (SELECT m.from_customer_id FROM"
                                + " customer_order_move m WHERE m.merge_id = ? AND m.order_id = customer_order.id)"
                                + " WHERE customer_id = ? AND id IN (SELECT order_id FROM customer_order_move WHERE merge_id = ?)")
                .params(mergeId, survivorId, mergeId)
                .update();
        jdbc.sql("DELETE FROM customer_order_move WHERE merge_id = ?")
                .param(mergeId)
                .update();
        return moved;
    }
}
