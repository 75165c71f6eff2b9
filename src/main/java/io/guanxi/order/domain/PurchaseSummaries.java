package io.guanxi.order.domain;

import io.guanxi.loyalty.PurchaseEarning;
import io.guanxi.order.PurchaseSummary;
import io.guanxi.order.SalesChannel;
import io.guanxi.shared.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Per-customer purchase aggregates, changed by each order and refund with increments (never by
 * scanning orders), so segments and value models read one row per customer. Every statement is an
 * increment keyed by customer, so a batch of orders can apply the same statements set-based.
 */
@Repository
public class PurchaseSummaries {

    private final JdbcClient jdbc;

    PurchaseSummaries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void orderPlaced(Order order) {
        jdbc.sql("INSERT INTO customer_purchase_summary (customer_id, currency) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(order.customerId(), order.currency())
                .update();
        int visit = 0;
        if (order.channel() == SalesChannel.STORE) {
            visit = jdbc.sql("INSERT INTO customer_visit_day (customer_id, visit_date) VALUES (?, ?)"
                            + " ON CONFLICT DO NOTHING")
                    .params(order.customerId(), Date.valueOf(order.businessDate()))
                    .update();
        }
        Timestamp at = Timestamp.from(order.placedAt());
        jdbc.sql("UPDATE customer_purchase_summary SET"
                        + " first_purchase_at = LEAST(COALESCE(first_purchase_at, :at), :at),"
                        + " last_purchase_at = GREATEST(COALESCE(last_purchase_at, :at), :at),"
                        + " order_count = order_count + 1, spend = spend + :paid, visit_count = visit_count + :visit"
                        + " WHERE customer_id = :customer")
                .param("at", at)
                .param("paid", order.payable())
                .param("visit", visit)
                .param("customer", order.customerId())
                .update();
        Map<String, Long> quantities = order.quantityPerCategory();
        for (PurchaseEarning.CategoryAmount paid : order.paidPerCategory()) {
            changeCategory(
                    order.customerId(), paid.category(), paid.amount().amount(), quantities.get(paid.category()));
        }
    }

    public void orderRefunded(Order order, Order.Refund refund, BigDecimal paidOut) {
        jdbc.sql(
                        "UPDATE customer_purchase_summary SET spend = spend - ?, refunded = refunded + ? WHERE customer_id = ?")
                .params(paidOut, paidOut, order.customerId())
                .update();
        Map<String, Long> quantities = new java.util.HashMap<>();
        refund.quantities().forEach((line, qty) -> quantities.merge(line.category, (long) qty, Long::sum));
        refund.perCategory()
                .forEach((category, amount) -> changeCategory(
                        order.customerId(),
                        category,
                        amount.setScale(2, RoundingMode.HALF_UP).negate(),
                        -quantities.getOrDefault(category, 0L)));
    }

    private void changeCategory(long customerId, String category, BigDecimal amount, long quantity) {
        jdbc.sql(
                        "INSERT INTO customer_category_spend (customer_id, category_code) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(customerId, category)
                .update();
        jdbc.sql("UPDATE customer_category_spend SET spend = spend + ?, quantity = quantity + ?"
                        + " WHERE customer_id = ? AND category_code = ?")
                .params(amount, quantity, customerId, category)
                .update();
    }

    /**
     * Recomputes one customer's aggregates from their orders (cancelled ones left out), with the
     * same rounding as the increments: after a merge moved orders, a cancellation, or to repair.
     */
    public void rebuild(long customerId) {
        jdbc.sql("DELETE FROM customer_category_spend WHERE customer_id = ?")
                .param(customerId)
                .update();
        jdbc.sql("DELETE FROM customer_visit_day WHERE customer_id = ?")
                .param(customerId)
                .update();
        jdbc.sql("DELETE FROM customer_purchase_summary WHERE customer_id = ?")
                .param(customerId)
                .update();
        jdbc.sql("INSERT INTO customer_visit_day (customer_id, visit_date) SELECT DISTINCT customer_id, business_date"
                        + " FROM customer_order WHERE customer_id = ? AND channel = 'STORE' AND status <> 'CANCELLED'")
                .param(customerId)
                .update();
        jdbc.sql("INSERT INTO customer_purchase_summary (customer_id, currency, first_purchase_at, last_purchase_at,"
                        + " order_count, spend, refunded, visit_count)"
                        + " SELECT o.customer_id, MIN(o.currency), MIN(o.placed_at), MAX(o.placed_at), COUNT(*),"
                        + " SUM(o.payable) - COALESCE(SUM(r.paid), 0), COALESCE(SUM(r.paid), 0),"
                        + " (SELECT COUNT(*) FROM customer_visit_day v WHERE v.customer_id = o.customer_id)"
                        + " FROM customer_order o LEFT JOIN (SELECT order_id, SUM(amount) AS paid FROM order_refund"
                        + " GROUP BY order_id) r ON r.order_id = o.id WHERE o.customer_id = ? AND o.status <> 'CANCELLED'"
                        + " GROUP BY o.customer_id")
                .param(customerId)
                .update();
        jdbc.sql(
                        "INSERT INTO customer_category_spend (customer_id, category_code, spend, quantity)"
                                + " SELECT o.customer_id, l.category_code,"
                                + " SUM(CASE WHEN o.subtotal = 0 THEN 0 ELSE ROUND(l.net_amount * o.payable / o.subtotal, 2) END)"
                                + " - COALESCE(SUM(rl.refunded), 0), SUM(l.quantity) - COALESCE(SUM(rl.units), 0)"
                                + " FROM customer_order o JOIN order_line l ON l.order_id = o.id"
                                + " LEFT JOIN (SELECT x.line_id, SUM(x.quantity) AS units, SUM(CASE WHEN o2.subtotal = 0 THEN 0"
                                + " ELSE ROUND(ROUND(l2.net_amount * x.quantity / l2.quantity, 10) * o2.payable / o2.subtotal, 2)"
                                + " END) AS refunded FROM order_refund_line x JOIN order_line l2 ON l2.id = x.line_id"
                                + " JOIN customer_order o2 ON o2.id = l2.order_id GROUP BY x.line_id) rl ON rl.line_id = l.id"
                                + " WHERE o.customer_id = ? AND o.status <> 'CANCELLED' GROUP BY o.customer_id, l.category_code")
                .param(customerId)
                .update();
    }

    public Optional<PurchaseSummary> find(long customerId, int topCategories) {
        record Row(
                String currency,
                Timestamp first,
                Timestamp last,
                long orders,
                BigDecimal spend,
                BigDecimal refunded,
                long visits) {}
        Optional<Row> row = jdbc.sql(
                        "SELECT currency, first_purchase_at, last_purchase_at, order_count, spend, refunded,"
                                + " visit_count FROM customer_purchase_summary WHERE customer_id = ?")
                .param(customerId)
                .query((rs, n) -> new Row(
                        rs.getString(1).strip(),
                        rs.getTimestamp(2),
                        rs.getTimestamp(3),
                        rs.getLong(4),
                        rs.getBigDecimal(5),
                        rs.getBigDecimal(6),
                        rs.getLong(7)))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Row r = row.get();
        List<PurchaseSummary.CategorySpend> top = new ArrayList<>(jdbc.sql(
                        "SELECT category_code, spend, quantity FROM customer_category_spend WHERE customer_id = ?"
                                + " AND spend > 0 ORDER BY spend DESC, category_code LIMIT " + topCategories)
                .param(customerId)
                .query((rs, n) -> new PurchaseSummary.CategorySpend(
                        rs.getString(1), new Money(rs.getBigDecimal(2), r.currency()), rs.getLong(3)))
                .list());
        BigDecimal average = r.orders() == 0
                ? BigDecimal.ZERO
                : r.spend().divide(BigDecimal.valueOf(r.orders()), 2, RoundingMode.HALF_UP);
        return Optional.of(new PurchaseSummary(
                customerId,
                r.first() == null ? null : r.first().toInstant(),
                r.last() == null ? null : r.last().toInstant(),
                r.orders(),
                new Money(r.spend(), r.currency()),
                new Money(r.refunded(), r.currency()),
                new Money(average, r.currency()),
                r.visits(),
                top));
    }
}
