package io.guanxi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guanxi.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rows written in bulk refer to rows that exist, and referred rows cannot be deleted: foreign keys
 * on H2, set-based reference triggers on PostgreSQL (one check per statement). Every case runs in a
 * transaction that is rolled back.
 */
@IntegrationTest
@Tag("postgres")
class ReferenceIntegrityIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    private static final Timestamp NOW = Timestamp.from(Instant.parse("2026-03-01T10:00:00Z"));

    /** Runs the work in a transaction that is always rolled back, so no case leaves rows behind. */
    private void rolledBack(Consumer<JdbcClient> work) {
        transactions.executeWithoutResult(tx -> {
            tx.setRollbackOnly();
            work.accept(jdbc);
        });
    }

    /**
     * The work is refused as a reference violation: SQLSTATE 23503 (PostgreSQL's triggers, and H2
     * for a referred row deleted) or 23506 (H2 for a referred row missing).
     */
    private void assertRefused(Consumer<JdbcClient> work) {
        assertThatThrownBy(() -> rolledBack(work))
                .isInstanceOf(DataIntegrityViolationException.class)
                .satisfies(
                        e -> assertThat(sqlState(e)).as("a reference violation").isIn("23503", "23506"));
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private long customer(JdbcClient jdbc) {
        jdbc.sql("INSERT INTO customer (party_type, kind, display_name, source_channel, created_at, updated_at,"
                        + " version) VALUES ('PERSON', 'RETAIL', ?, 'IMPORT', ?, ?, 0)")
                .params("Ref " + UUID.randomUUID(), NOW, NOW)
                .update();
        return jdbc.sql("SELECT MAX(id) FROM customer").query(Long.class).single();
    }

    private long product(JdbcClient jdbc) {
        String code = "REF-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("INSERT INTO product_category (code, name) VALUES (?, ?)")
                .params(code, code)
                .update();
        long category = jdbc.sql("SELECT id FROM product_category WHERE code = ?")
                .param(code)
                .query(Long.class)
                .single();
        jdbc.sql("INSERT INTO product (sku, name, category_id, price_amount, currency, created_at)"
                        + " VALUES (?, ?, ?, 10, 'CNY', ?)")
                .params(code, code, category, NOW)
                .update();
        return jdbc.sql("SELECT id FROM product WHERE sku = ?")
                .param(code)
                .query(Long.class)
                .single();
    }

    private long order(JdbcClient jdbc, long customerId) {
        String ref = "ref-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO customer_order (customer_id, store_id, channel, status, external_ref, currency,"
                        + " placed_at, business_date, subtotal, order_discount, coupon_amount, points_used,"
                        + " points_amount, payable, created_at) VALUES (?, 1, 'STORE', 'PAID', ?, 'CNY', ?,"
                        + " DATE '2026-03-01', 10, 0, 0, 0, 0, 10, ?)")
                .params(customerId, ref, NOW, NOW)
                .update();
        return jdbc.sql("SELECT id FROM customer_order WHERE external_ref = ?")
                .param(ref)
                .query(Long.class)
                .single();
    }

    private static void line(JdbcClient jdbc, long orderId, long productId) {
        jdbc.sql("INSERT INTO order_line (order_id, line_no, product_id, sku, category_code, quantity, unit_price,"
                        + " discount, net_amount) VALUES (?, 1, ?, 'X', 'X', 1, 10, 0, 10)")
                .params(orderId, productId)
                .update();
    }

    private static void timelineEntry(JdbcClient jdbc, long customerId, long originId) {
        jdbc.sql("INSERT INTO customer_timeline_entry (customer_id, origin_customer_id, type, occurred_at, title,"
                        + " source_module, source_ref, recorded_at) VALUES (?, ?, 'NOTE', ?, 't', 'test', ?, ?)")
                .params(customerId, originId, NOW, UUID.randomUUID().toString(), NOW)
                .update();
    }

    private static void externalId(JdbcClient jdbc, long customerId) {
        jdbc.sql("INSERT INTO customer_external_id (source, external_id, customer_id) VALUES (?, ?, ?)")
                .params("test", UUID.randomUUID().toString(), customerId)
                .update();
    }

    @Test
    void rowsThatReferToNothingAreRefused() {
        assertRefused(jdbc -> line(jdbc, -1, product(jdbc)));
        assertRefused(jdbc -> line(jdbc, order(jdbc, customer(jdbc)), -1));
        assertRefused(jdbc -> jdbc.sql(
                        "INSERT INTO order_payment (order_id, payment_no, method, amount) VALUES (-1, 1, 'CASH', 10)")
                .update());
        assertRefused(jdbc -> jdbc.sql(
                        "INSERT INTO points_lot (customer_id, movement_id, source, earned, remaining, earned_at,"
                                + " available_at, expires_at) VALUES (?, -1, 'test', 10, 10, ?, ?, ?)")
                .params(customer(jdbc), NOW, NOW, NOW)
                .update());
        assertRefused(jdbc -> jdbc.sql(
                        "INSERT INTO customer_external_id (source, external_id, customer_id) VALUES (?, ?, -1)")
                .params("test", UUID.randomUUID().toString())
                .update());
        assertRefused(jdbc -> timelineEntry(jdbc, -1, customer(jdbc)));
        assertRefused(jdbc -> timelineEntry(jdbc, customer(jdbc), -1));
    }

    /** Lines for the given orders (one each), written by one statement as an import writes them. */
    private static void linesInOneStatement(JdbcClient jdbc, long productId, Long... orderIds) {
        jdbc.sql(
                        "INSERT INTO order_line (order_id, line_no, product_id, sku, category_code, quantity, unit_price,"
                                + " discount, net_amount) SELECT o, 1, :product, 'X', 'X', 1, 10, 0, 10 FROM UNNEST(CAST(:orders AS BIGINT ARRAY)) AS u(o)")
                .param("product", productId)
                .param("orders", orderIds)
                .update();
    }

    @Test
    void aStatementsReferencesAreCheckedWhetherTheirRangeIsDenseOrHasGaps() {
        // three orders with consecutive ids, the middle one deleted: the range of ids has a gap
        rolledBack(jdbc -> {
            long customer = customer(jdbc);
            long product = product(jdbc);
            Long[] orders = {order(jdbc, customer), order(jdbc, customer), order(jdbc, customer)};
            assertThat(orders[2] - orders[0]).isEqualTo(2);
            linesInOneStatement(jdbc, product, orders); // dense, all present
            jdbc.sql("DELETE FROM order_line WHERE order_id = ANY(:orders)")
                    .param("orders", orders)
                    .update();
            jdbc.sql("DELETE FROM customer_order WHERE id = ?").param(orders[1]).update();
            linesInOneStatement(jdbc, product, orders[0], orders[2]); // around the gap, all present
        });
        assertRefused(jdbc -> {
            long customer = customer(jdbc);
            Long[] orders = {order(jdbc, customer), order(jdbc, customer), order(jdbc, customer)};
            jdbc.sql("DELETE FROM customer_order WHERE id = ?").param(orders[1]).update();
            linesInOneStatement(jdbc, product(jdbc), orders); // the gap referred to
        });
        assertRefused(jdbc -> {
            long customer = customer(jdbc);
            long first = order(jdbc, customer);
            linesInOneStatement(jdbc, product(jdbc), first, first + 1_000_000); // sparse, one missing
        });
    }

    @Test
    void changingAReferenceToNothingIsRefused() {
        assertRefused(jdbc -> {
            long customer = customer(jdbc);
            line(jdbc, order(jdbc, customer), product(jdbc));
            jdbc.sql("UPDATE order_line SET order_id = -1 WHERE order_id IN (SELECT id FROM customer_order"
                            + " WHERE customer_id = ?)")
                    .param(customer)
                    .update();
        });
        assertRefused(jdbc -> {
            long customer = customer(jdbc);
            timelineEntry(jdbc, customer, customer);
            jdbc.sql("UPDATE customer_timeline_entry SET customer_id = -1 WHERE origin_customer_id = ?")
                    .param(customer)
                    .update();
        });
    }

    @Test
    void referredRowsCannotBeDeleted() {
        assertRefused(jdbc -> {
            long product = product(jdbc);
            line(jdbc, order(jdbc, customer(jdbc)), product);
            jdbc.sql("DELETE FROM product WHERE id = ?").param(product).update();
        });
        assertRefused(jdbc -> {
            long order = order(jdbc, customer(jdbc));
            line(jdbc, order, product(jdbc));
            jdbc.sql("DELETE FROM customer_order WHERE id = ?").param(order).update();
        });
        assertRefused(jdbc -> {
            long customer = customer(jdbc);
            timelineEntry(jdbc, customer, customer);
            jdbc.sql("DELETE FROM customer WHERE id = ?").param(customer).update();
        });
        assertRefused(jdbc -> {
            long customer = customer(jdbc);
            externalId(jdbc, customer);
            jdbc.sql("DELETE FROM customer WHERE id = ?").param(customer).update();
        });
    }

    @Test
    void validRowsAreAccepted() {
        rolledBack(jdbc -> {
            long customer = customer(jdbc);
            long order = order(jdbc, customer);
            line(jdbc, order, product(jdbc));
            jdbc.sql("INSERT INTO order_payment (order_id, payment_no, method, amount) VALUES (?, 1, 'CASH', 10)")
                    .param(order)
                    .update();
            timelineEntry(jdbc, customer, customer);
            externalId(jdbc, customer);
            String source = "ref-" + UUID.randomUUID();
            jdbc.sql("INSERT INTO points_movement (customer_id, type, points, reason, source, actor, occurred_at)"
                            + " VALUES (?, 'EARN', 10, 'PURCHASE', ?, 'test', ?)")
                    .params(customer, source, NOW)
                    .update();
            long movement = jdbc.sql("SELECT id FROM points_movement WHERE source = ?")
                    .param(source)
                    .query(Long.class)
                    .single();
            jdbc.sql("INSERT INTO points_lot (customer_id, movement_id, source, earned, remaining, earned_at,"
                            + " available_at, expires_at) VALUES (?, ?, ?, 10, 10, ?, ?, ?)")
                    .params(customer, movement, source, NOW, NOW, NOW)
                    .update();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM order_line WHERE order_id = ?")
                            .param(order)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        });
    }
}
