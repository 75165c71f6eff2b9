package io.guanxi.order.domain;

import io.guanxi.customer.CustomerApi;
import io.guanxi.loyalty.PurchaseEarning;
import io.guanxi.order.PurchaseSummary;
import io.guanxi.order.SalesChannel;
import io.guanxi.shared.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
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
    private final io.guanxi.shared.persistence.BulkRows bulk;
    private final CustomerApi customers;

    PurchaseSummaries(JdbcClient jdbc, javax.sql.DataSource dataSource, CustomerApi customers) {
        this.jdbc = jdbc;
        this.bulk = new io.guanxi.shared.persistence.BulkRows(dataSource);
        this.customers = customers;
    }

    /** The customer's figures ({@link PurchaseFigures}) changed: rule tags follow in the same transaction. */
    private void publish(long customerId) {
        customers.figuresChanged(List.of(customerId));
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
                        + " last_purchase_day = GREATEST(COALESCE(last_purchase_day, :day), :day),"
                        + " order_count = order_count + 1, spend = spend + :paid, visit_count = visit_count + :visit"
                        + " WHERE customer_id = :customer")
                .param("at", at)
                .param("day", order.businessDate().toEpochDay())
                .param("paid", order.payable())
                .param("visit", visit)
                .param("customer", order.customerId())
                .update();
        Map<String, Long> quantities = order.quantityPerCategory();
        for (PurchaseEarning.CategoryAmount paid : order.paidPerCategory()) {
            changeCategory(
                    order.customerId(), paid.category(), paid.amount().amount(), quantities.get(paid.category()));
        }
        publish(order.customerId());
    }

    /** One customer's share of a batch of orders, added up before anything is written. */
    private static final class Delta {
        final String currency;
        Instant first;
        Instant last;
        long orders;
        BigDecimal spend = BigDecimal.ZERO;
        java.time.LocalDate lastDay;
        final java.util.Set<java.time.LocalDate> visits = new java.util.TreeSet<>();
        final Map<String, BigDecimal> categorySpend = new java.util.TreeMap<>();
        final Map<String, Long> categoryQuantity = new java.util.HashMap<>();

        Delta(String currency) {
            this.currency = currency;
        }
    }

    /** A batch's increments added up per customer (each order's category shares exactly as for a single order). */
    private record Increments(
            java.util.Set<Long> customers, List<Object[]> visits, List<Object[]> totals, List<Object[]> categories) {}

    private static Increments increments(List<Order> orders) {
        Map<Long, Delta> deltas = new java.util.TreeMap<>();
        for (Order order : orders) {
            Delta d = deltas.computeIfAbsent(order.customerId(), id -> new Delta(order.currency()));
            d.first = d.first == null || order.placedAt().isBefore(d.first) ? order.placedAt() : d.first;
            d.last = d.last == null || order.placedAt().isAfter(d.last) ? order.placedAt() : d.last;
            d.lastDay = d.lastDay == null || order.businessDate().isAfter(d.lastDay) ? order.businessDate() : d.lastDay;
            d.orders++;
            d.spend = d.spend.add(order.payable());
            if (order.channel() == SalesChannel.STORE) {
                d.visits.add(order.businessDate());
            }
            for (PurchaseEarning.CategoryAmount paid : order.paidPerCategory()) {
                d.categorySpend.merge(paid.category(), paid.amount().amount(), BigDecimal::add);
            }
            order.quantityPerCategory().forEach((category, qty) -> d.categoryQuantity.merge(category, qty, Long::sum));
        }
        List<Object[]> visits = new ArrayList<>();
        List<Object[]> totals = new ArrayList<>();
        List<Object[]> categories = new ArrayList<>();
        deltas.forEach((customer, d) -> {
            d.visits.forEach(day -> visits.add(new Object[] {customer, day}));
            totals.add(new Object[] {customer, d.currency, d.first, d.last, d.orders, d.spend, d.lastDay.toEpochDay()});
            d.categorySpend.forEach((category, amount) -> categories.add(
                    new Object[] {customer, category, amount, d.categoryQuantity.getOrDefault(category, 0L)}));
        });
        return new Increments(deltas.keySet(), visits, totals, categories);
    }

    /**
     * The bulk form of {@link #orderPlaced}: the orders' increments are added up per customer in
     * Java and applied with one batched statement per table, then the customers' rule tags follow in
     * one call. No statement reads the customers' earlier orders.
     */
    public void ordersPlaced(List<Order> orders) {
        Increments increments = increments(orders);
        if (increments.customers().isEmpty()) {
            return;
        }
        if (bulk.postgres()) {
            upsertTotals(increments.visits(), increments.totals());
        } else {
            updateTotals(increments.visits(), increments.totals());
        }
        addCategories(increments.categories());
        customers.figuresChanged(increments.customers());
    }

    /** Whether an import's increments can be staged ({@link #stage}): on PostgreSQL. */
    public boolean stages() {
        return bulk.postgres();
    }

    /** The hash partitions of the staging tables (V43). */
    static final int STAGED_PARTITIONS = 16;

    /**
     * An import batch's increments, added up per customer as by {@link #ordersPlaced}, appended to
     * the staging tables in the caller's transaction instead of applied (no customer-keyed index
     * touched); {@link #applyStaged} applies them. A customer is in nearly every batch of a large
     * file once, so applying them per batch wrote a summary row and its category rows per order.
     */
    public void stage(List<Order> orders) {
        Increments increments = increments(orders);
        bulk.insert(
                "purchase_staged_total",
                List.of(
                        "customer_id",
                        "currency",
                        "first_purchase_at",
                        "last_purchase_at",
                        "order_count",
                        "spend",
                        "last_purchase_day"),
                increments.totals());
        bulk.insert(
                "purchase_staged_category",
                List.of("customer_id", "category_code", "spend", "quantity"),
                increments.categories());
        bulk.insert("purchase_staged_visit", List.of("customer_id", "visit_date"), increments.visits());
    }

    /**
     * Applies the increments staged in one partition at least {@code age} ago (by the database's
     * clock; zero: every batch committed before this transaction began), in the caller's
     * transaction: each table's rows are deleted and applied in one statement, so exactly the rows
     * applied are gone (a batch committing meanwhile keeps its rows for the next call), summed per
     * customer and written in customer order. The customers' rule tags follow; returns the customers.
     */
    public List<Long> applyStaged(int partition, java.time.Duration age) {
        String suffix = "_" + partition;
        double seconds = age.toMillis() / 1000.0;
        jdbc.sql("WITH c AS ("
                        + takeStaged("purchase_staged_category" + suffix, "customer_id, category_code, spend, quantity")
                        + ")"
                        + " INSERT INTO customer_category_spend AS s (customer_id, category_code, spend, quantity)"
                        + " SELECT customer_id, category_code, SUM(spend), SUM(quantity) FROM c"
                        + " GROUP BY customer_id, category_code ORDER BY customer_id, category_code"
                        + CATEGORY_INCREMENT)
                .param("age", seconds)
                .update();
        List<Long> changed = jdbc.sql("WITH v AS ("
                        + takeStaged("purchase_staged_visit" + suffix, "customer_id, visit_date") + "),"
                        + " fresh AS (INSERT INTO customer_visit_day (customer_id, visit_date)"
                        + " SELECT DISTINCT customer_id, visit_date FROM v ORDER BY customer_id, visit_date"
                        + " ON CONFLICT DO NOTHING RETURNING customer_id),"
                        + " days AS (SELECT customer_id, COUNT(*) AS n FROM fresh GROUP BY customer_id),"
                        + " t AS ("
                        + takeStaged(
                                "purchase_staged_total" + suffix,
                                "customer_id, currency, first_purchase_at, last_purchase_at, order_count, spend,"
                                        + " last_purchase_day")
                        + "),"
                        + " sums AS (SELECT customer_id, MIN(currency) AS currency, MIN(first_purchase_at) AS f,"
                        + " MAX(last_purchase_at) AS l, SUM(order_count) AS n, SUM(spend) AS p,"
                        + " MAX(last_purchase_day) AS d FROM t GROUP BY customer_id)"
                        + " INSERT INTO customer_purchase_summary AS s (customer_id, currency, first_purchase_at,"
                        + " last_purchase_at, order_count, spend, visit_count, last_purchase_day)"
                        + " SELECT sums.customer_id, sums.currency, sums.f, sums.l, sums.n, sums.p,"
                        + " COALESCE(days.n, 0), sums.d FROM sums LEFT JOIN days USING (customer_id)"
                        + " ORDER BY sums.customer_id" + SUMMARY_INCREMENT + " RETURNING s.customer_id")
                .param("age", seconds)
                .query(Long.class)
                .list();
        if (!changed.isEmpty()) {
            customers.figuresChanged(changed);
        }
        return changed;
    }

    /**
     * Deletes a staging table's rows staged at least {@code :age} seconds ago and returns their
     * {@code columns}: the rows a statement applies are exactly the rows it takes away.
     */
    private static String takeStaged(String table, String columns) {
        return "DELETE FROM " + table + " WHERE staged_at <= now() - make_interval(secs => :age) RETURNING " + columns;
    }

    /** How a category-spend row takes an increment (a batch's or staged ones). */
    private static final String CATEGORY_INCREMENT = " ON CONFLICT (customer_id, category_code) DO UPDATE"
            + " SET spend = s.spend + EXCLUDED.spend, quantity = s.quantity + EXCLUDED.quantity";

    /** How a summary row takes an increment (a batch's or staged ones). */
    private static final String SUMMARY_INCREMENT = " ON CONFLICT (customer_id) DO UPDATE SET"
            + " first_purchase_at = LEAST(s.first_purchase_at, EXCLUDED.first_purchase_at),"
            + " last_purchase_at = GREATEST(s.last_purchase_at, EXCLUDED.last_purchase_at),"
            + " last_purchase_day = GREATEST(s.last_purchase_day, EXCLUDED.last_purchase_day),"
            + " order_count = s.order_count + EXCLUDED.order_count, spend = s.spend + EXCLUDED.spend,"
            + " visit_count = s.visit_count + EXCLUDED.visit_count";

    /**
     * PostgreSQL: the batch's new visit days, the summaries (opened where missing) and their
     * increments in one statement.
     */
    private void upsertTotals(List<Object[]> visits, List<Object[]> totals) {
        bulk.execute(
                "WITH v AS (INSERT INTO customer_visit_day (customer_id, visit_date) SELECT * FROM unnest(?::int8[],"
                        + " ?::date[]) ON CONFLICT DO NOTHING RETURNING customer_id),"
                        + " fresh AS (SELECT customer_id, COUNT(*) AS days FROM v GROUP BY customer_id)"
                        + " INSERT INTO customer_purchase_summary AS s (customer_id, currency, first_purchase_at,"
                        + " last_purchase_at, order_count, spend, visit_count, last_purchase_day)"
                        + " SELECT u.c, u.cur, u.f, u.l, u.n, u.p, COALESCE(fresh.days, 0), u.d FROM unnest(?::int8[],"
                        + " ?::varchar[], ?::timestamptz[], ?::timestamptz[], ?::int8[], ?::numeric[], ?::int8[])"
                        + " AS u(c, cur, f, l, n, p, d) LEFT JOIN fresh ON fresh.customer_id = u.c ORDER BY u.c"
                        + SUMMARY_INCREMENT,
                List.of(
                        new io.guanxi.shared.persistence.BulkRows.Columns(List.of("int8", "date"), visits),
                        new io.guanxi.shared.persistence.BulkRows.Columns(
                                List.of("int8", "varchar", "timestamptz", "timestamptz", "int8", "numeric", "int8"),
                                totals)));
    }

    /** Elsewhere: the same in three batched statements. */
    private void updateTotals(List<Object[]> visits, List<Object[]> totals) {
        bulk.batch(
                "INSERT INTO customer_purchase_summary (customer_id, currency) VALUES (?, ?) ON CONFLICT DO NOTHING",
                totals.stream().map(t -> new Object[] {t[0], t[1]}).toList());
        bulk.batch(
                "INSERT INTO customer_visit_day (customer_id, visit_date) VALUES (?, ?) ON CONFLICT DO NOTHING",
                visits);
        bulk.batch(
                "UPDATE customer_purchase_summary SET first_purchase_at = LEAST(COALESCE(first_purchase_at, ?), ?),"
                        + " last_purchase_at = GREATEST(COALESCE(last_purchase_at, ?), ?),"
                        + " last_purchase_day = GREATEST(COALESCE(last_purchase_day, ?), ?),"
                        + " order_count = order_count + ?, spend = spend + ?,"
                        + " visit_count = (SELECT COUNT(*) FROM customer_visit_day v"
                        + " WHERE v.customer_id = customer_purchase_summary.customer_id) WHERE customer_id = ?",
                totals.stream()
                        .map(t -> new Object[] {t[2], t[2], t[3], t[3], t[6], t[6], t[4], t[5], t[0]})
                        .toList());
    }

    /** Category spend and quantity increments, rows opened where missing: one upsert (a MERGE per row elsewhere). */
    private void addCategories(List<Object[]> categories) {
        bulk.execute(
                "INSERT INTO customer_category_spend AS s (customer_id, category_code, spend, quantity)"
                        + " SELECT * FROM unnest(?::int8[], ?::varchar[], ?::numeric[], ?::int8[]) AS u(c, k, a, q)"
                        + " ORDER BY u.c, u.k" + CATEGORY_INCREMENT,
                List.of("int8", "varchar", "numeric", "int8"),
                "MERGE INTO customer_category_spend s USING (VALUES (CAST(? AS BIGINT), CAST(? AS VARCHAR(40)),"
                        + " CAST(? AS NUMERIC(16, 2)), CAST(? AS BIGINT))) AS u(c, k, a, q)"
                        + " ON s.customer_id = u.c AND s.category_code = u.k"
                        + " WHEN MATCHED THEN UPDATE SET spend = s.spend + u.a, quantity = s.quantity + u.q"
                        + " WHEN NOT MATCHED THEN INSERT (customer_id, category_code, spend, quantity)"
                        + " VALUES (u.c, u.k, u.a, u.q)",
                categories);
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
        publish(order.customerId());
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
        if (stages()) {
            // increments an import staged for the customer are in the orders the rebuild reads
            for (String table : List.of("purchase_staged_total", "purchase_staged_category", "purchase_staged_visit")) {
                jdbc.sql("DELETE FROM " + table + " WHERE customer_id = ?")
                        .param(customerId)
                        .update();
            }
        }
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
        jdbc.sql("INSERT INTO customer_category_spend (customer_id, category_code, spend, quantity)"
                        + " SELECT o.customer_id, l.category_code,"
                        + " SUM(CASE WHEN o.subtotal = 0 THEN 0 ELSE ROUND(l.net_amount * o.payable / o.subtotal, 2) END)"
                        + " - COALESCE(SUM(rl.refunded), 0), SUM(l.quantity) - COALESCE(SUM(rl.units), 0)"
                        + " FROM customer_order o JOIN order_line l ON l.order_id = o.id"
                        + " LEFT JOIN (SELECT x.order_id, x.line_no, SUM(x.quantity) AS units,"
                        + " SUM(CASE WHEN o2.subtotal = 0 THEN 0 ELSE ROUND(ROUND(l2.net_amount * x.quantity"
                        + " / l2.quantity, 10) * o2.payable / o2.subtotal, 2) END) AS refunded"
                        + " FROM order_refund_line x JOIN order_line l2 ON l2.order_id = x.order_id"
                        + " AND l2.line_no = x.line_no JOIN customer_order o2 ON o2.id = x.order_id"
                        + " WHERE o2.customer_id = :customer GROUP BY x.order_id, x.line_no) rl"
                        + " ON rl.order_id = l.order_id AND rl.line_no = l.line_no"
                        + " WHERE o.customer_id = :customer AND o.status <> 'CANCELLED'"
                        + " GROUP BY o.customer_id, l.category_code")
                .param("customer", customerId)
                .update();
        jdbc
                .sql("SELECT MAX(business_date) FROM customer_order WHERE customer_id = ? AND status <> 'CANCELLED'")
                .param(customerId)
                .query((rs, n) -> rs.getDate(1))
                .list()
                .stream()
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .ifPresent(day -> jdbc.sql(
                                "UPDATE customer_purchase_summary SET last_purchase_day = ? WHERE customer_id = ?")
                        .params(day.toLocalDate().toEpochDay(), customerId)
                        .update());
        publish(customerId);
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
