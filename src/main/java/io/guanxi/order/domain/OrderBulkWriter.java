package io.guanxi.order.domain;

import io.guanxi.order.OrderView;
import io.guanxi.shared.persistence.BulkRows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes many priced orders with their lines and payments through the bulk path (COPY on
 * PostgreSQL, JDBC batches elsewhere), in the caller's transaction. The points an order earns need
 * its id (the ledger knows a purchase as {@code order:<id>}): on PostgreSQL the ids are taken from
 * the sequence first, the points worked out, and every row written once; elsewhere the orders are
 * inserted first and their points filled in after.
 */
@Component
class OrderBulkWriter {

    private final BulkRows bulk;
    private final JdbcTemplate template;

    OrderBulkWriter(DataSource dataSource, JdbcTemplate template) {
        this.bulk = new BulkRows(dataSource);
        this.template = template;
    }

    /**
     * Stores the orders; {@code earn} is called once, with the orders' ids known, and answers the
     * points each order earned by its source ({@code order:<id>}).
     */
    void write(
            List<Order> orders,
            String externalSource,
            String actor,
            Instant now,
            Function<List<Order>, Map<String, Long>> earn) {
        if (orders.isEmpty()) {
            return;
        }
        long[] ids = bulk.reserveIds("customer_order", orders.size());
        if (ids != null) {
            for (int i = 0; i < orders.size(); i++) {
                orders.get(i).stored(ids[i]);
            }
            earned(orders, earn.apply(orders));
            List<Object[]> rows = new ArrayList<>(orders.size());
            for (Order order : orders) {
                Object[] header = OrderRows.order(order, externalSource, actor, now);
                Object[] withId = new Object[header.length + 1];
                withId[0] = order.id();
                System.arraycopy(header, 0, withId, 1, header.length);
                rows.add(withId);
            }
            List<String> columns = new ArrayList<>();
            columns.add("id");
            columns.addAll(OrderRows.ORDER_COLUMNS);
            bulk.insert("customer_order", columns, rows);
        } else {
            List<Object[]> rows = new ArrayList<>(orders.size());
            orders.forEach(order -> rows.add(OrderRows.order(order, externalSource, actor, now)));
            ids = bulk.insertReturningIds("customer_order", OrderRows.ORDER_COLUMNS, rows);
            for (int i = 0; i < orders.size(); i++) {
                orders.get(i).stored(ids[i]);
            }
            earned(orders, earn.apply(orders));
            List<Object[]> points = new ArrayList<>();
            for (Order order : orders) {
                if (order.pointsEarned() != 0) {
                    points.add(new Object[] {order.pointsEarned(), order.id()});
                }
            }
            template.batchUpdate("UPDATE customer_order SET points_earned = ? WHERE id = ?", points);
        }
        List<Object[]> lines = new ArrayList<>();
        List<Object[]> payments = new ArrayList<>();
        for (Order order : orders) {
            for (Order.Line line : order.lines()) {
                lines.add(OrderRows.line(order, line));
            }
            List<OrderView.PaymentView> paid = order.payments();
            for (int i = 0; i < paid.size(); i++) {
                payments.add(OrderRows.payment(order, i + 1, paid.get(i)));
            }
        }
        bulk.insert("order_line", OrderRows.LINE_COLUMNS, lines);
        bulk.insert("order_payment", OrderRows.PAYMENT_COLUMNS, payments);
    }

    private static void earned(List<Order> orders, Map<String, Long> points) {
        for (Order order : orders) {
            order.earned(points.getOrDefault(order.source(), 0L));
        }
    }
}
