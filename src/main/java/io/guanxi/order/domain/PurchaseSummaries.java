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
import java.time.LocalDate;
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
    private final org.springframework.jdbc.core.JdbcTemplate template;

    PurchaseSummaries(
            JdbcClient jdbc,
            javax.sql.DataSource dataSource,
            CustomerApi customers,
            org.springframework.jdbc.core.JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
        this.bulk = new io.guanxi.shared.persistence.BulkRows(dataSource);
        this.customers = customers;
    }

    /** The customer's figures ({@link PurchaseFigures}) changed: rule tags follow in the same transaction. */
    private void publish(long customerId) {
        customers.figuresChanged(List.of(customerId));
    }

    public void orderPlaced(Order order) {
        ordersPlaced(List.of(order));
    }

    /**
     * Adds visit days and category increments to the customers' summaries (which exist): each
     * summary is locked, its arrays (visit days in order, each once; categories in code order) merged
     * with the increments in Java, and those that changed written back in one batch. Used by single
     * orders, refunds, rebuilds and batches applied at once; an import's staged increments are merged
     * by {@link #applyStaged} in SQL.
     */
    private void addToArrays(Map<Long, Delta> deltas) {
        Long[] ids = deltas.entrySet().stream()
                .filter(e -> !e.getValue().visits.isEmpty()
                        || !e.getValue().categories.isEmpty())
                .map(Map.Entry::getKey)
                .sorted()
                .toArray(Long[]::new);
        if (ids.length == 0) {
            return;
        }
        List<MergedArrays> changed = new ArrayList<>();
        jdbc.sql(
                        "SELECT customer_id, visit_days, category_codes, category_spend, category_quantity"
                                + " FROM customer_purchase_summary WHERE customer_id = ANY(:ids) ORDER BY customer_id FOR UPDATE")
                .param("ids", ids)
                .query(rs -> {
                    long customer = rs.getLong(1);
                    Delta d = deltas.get(customer);
                    java.util.SortedSet<LocalDate> days = new java.util.TreeSet<>();
                    for (Object day : (Object[]) rs.getArray(2).getArray()) {
                        days.add(((Date) day).toLocalDate());
                    }
                    int before = days.size();
                    days.addAll(d.visits);
                    Delta merged = new Delta("");
                    Object[] codes = (Object[]) rs.getArray(3).getArray();
                    Object[] amounts = (Object[]) rs.getArray(4).getArray();
                    Object[] units = (Object[]) rs.getArray(5).getArray();
                    for (int i = 0; i < codes.length; i++) {
                        merged.addCategory((String) codes[i], (BigDecimal) amounts[i], ((Number) units[i]).longValue());
                    }
                    d.categories.forEach((code, c) -> merged.addCategory(code, c.spend(), c.units()));
                    if (days.size() > before || !d.categories.isEmpty()) {
                        changed.add(new MergedArrays(
                                customer, days.stream().map(Date::valueOf).toArray(Date[]::new), merged));
                    }
                });
        template.batchUpdate(
                "UPDATE customer_purchase_summary SET visit_days = ?, visit_count = ?, category_codes = ?,"
                        + " category_spend = ?, category_quantity = ? WHERE customer_id = ?",
                changed,
                changed.size(),
                (statement, row) -> {
                    java.sql.Connection connection = statement.getConnection();
                    statement.setArray(1, connection.createArrayOf("date", row.days()));
                    statement.setLong(2, row.days().length);
                    statement.setArray(
                            3,
                            connection.createArrayOf(
                                    "varchar", row.merged().codes().toArray()));
                    statement.setArray(
                            4,
                            connection.createArrayOf(
                                    "numeric", row.merged().spend().toArray()));
                    statement.setArray(
                            5,
                            connection.createArrayOf(
                                    "int8", row.merged().units().toArray()));
                    statement.setLong(6, row.customer());
                });
    }

    /** A summary's arrays as merged: visit days, and the categories (of {@code merged}). */
    private record MergedArrays(long customer, Date[] days, Delta merged) {}

    /** A customer's spend and units in one category. */
    private record Category(BigDecimal spend, long units) {

        Category plus(Category other) {
            return new Category(spend.add(other.spend), units + other.units);
        }
    }

    /** One customer's share of a batch of orders, added up before anything is written. */
    private static final class Delta {
        final String currency;
        Instant first;
        Instant last;
        long orders;
        BigDecimal spend = BigDecimal.ZERO;
        java.time.LocalDate lastDay;
        final java.util.SortedSet<java.time.LocalDate> visits = new java.util.TreeSet<>();
        /** Spend and units per category, in code order (as a summary keeps them, V51). */
        final Map<String, Category> categories = new java.util.TreeMap<>(OrderLineImport.IN_CODE_POINT_ORDER);

        Delta(String currency) {
            this.currency = currency;
        }

        void addCategory(String code, BigDecimal spend, long units) {
            categories.merge(code, new Category(spend, units), Category::plus);
        }

        /** The category codes, their spend and their units: three lists of one length, in code order. */
        List<String> codes() {
            return List.copyOf(categories.keySet());
        }

        List<BigDecimal> spend() {
            return categories.values().stream().map(Category::spend).toList();
        }

        List<Long> units() {
            return categories.values().stream().map(Category::units).toList();
        }
    }

    /** A batch's increments added up per customer (each order's category shares exactly as for a single order). */
    private static Map<Long, Delta> increments(List<Order> orders) {
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
            // both per category of the order's lines
            Map<String, Long> units = order.quantityPerCategory();
            for (PurchaseEarning.CategoryAmount paid : order.paidPerCategory()) {
                d.addCategory(paid.category(), paid.amount().amount(), units.getOrDefault(paid.category(), 0L));
            }
        }
        return deltas;
    }

    /** A customer's totals: customer, currency, first and last purchase, orders, spend, last day. */
    private static Object[] totals(long customer, Delta d) {
        return new Object[] {customer, d.currency, d.first, d.last, d.orders, d.spend, d.lastDay.toEpochDay()};
    }

    /**
     * The bulk form of {@link #orderPlaced}: the orders' increments are added up per customer in
     * Java and applied with one batched statement per table, then the customers' rule tags follow in
     * one call. No statement reads the customers' earlier orders. Returns the customers, each with the
     * newest business day of their orders, in customer order (as {@link #applyStaged} does).
     */
    public Map<Long, LocalDate> ordersPlaced(List<Order> orders) {
        Map<Long, Delta> deltas = increments(orders);
        Map<Long, LocalDate> newest = new java.util.LinkedHashMap<>();
        deltas.forEach((customer, d) -> newest.put(customer, d.lastDay));
        if (deltas.isEmpty()) {
            return newest;
        }
        List<Object[]> totals = new ArrayList<>();
        deltas.forEach((customer, d) -> totals.add(totals(customer, d)));
        if (bulk.postgres()) {
            upsertTotals(totals);
        } else {
            updateTotals(totals);
        }
        addToArrays(deltas);
        customers.figuresChanged(deltas.keySet());
        return newest;
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
        List<Object[]> rows = new ArrayList<>();
        increments(orders).forEach((customer, d) -> {
            Object[] totals = totals(customer, d);
            Object[] row = java.util.Arrays.copyOf(totals, totals.length + 4);
            row[totals.length] = List.copyOf(d.visits);
            row[totals.length + 1] = d.codes();
            row[totals.length + 2] = d.spend();
            row[totals.length + 3] = d.units();
            rows.add(row);
        });
        bulk.insert("purchase_staged_total", STAGED_COLUMNS, rows);
    }

    /** The columns of a staged row (V43, V45): a batch's totals, visit days and category shares for one customer. */
    private static final List<String> STAGED_COLUMNS = List.of(
            "customer_id",
            "currency",
            "first_purchase_at",
            "last_purchase_at",
            "order_count",
            "spend",
            "last_purchase_day",
            "visit_days",
            "category_codes",
            "category_spend",
            "category_quantity");

    /** The customers with increments staged in one partition at least {@code age} ago, ascending. */
    public List<Long> stagedCustomers(int partition, java.time.Duration age) {
        return jdbc.sql("SELECT DISTINCT customer_id FROM purchase_staged_total_" + partition
                        + " WHERE staged_at <= now() - make_interval(secs => :age) ORDER BY customer_id")
                .param("age", age.toMillis() / 1000.0)
                .query(Long.class)
                .list();
    }

    /**
     * Applies the increments of the {@code locked} customers (whose accounts the caller holds) staged in one
     * partition at least {@code age} ago (by the database's
     * clock; zero: every batch committed before this transaction began), in the caller's
     * transaction: each table's rows are deleted and applied in one statement, so exactly the rows
     * applied are gone (a batch committing meanwhile keeps its rows for the next call), summed per
     * customer and written in customer order. The customers' rule tags follow; returns the customers,
     * each with the newest business day of the purchases applied, in customer order.
     */
    public Map<Long, LocalDate> applyStaged(int partition, java.time.Duration age, List<Long> locked) {
        Map<Long, LocalDate> changed = new java.util.LinkedHashMap<>();
        if (locked.isEmpty()) {
            return changed;
        }
        jdbc.sql("WITH t AS (DELETE FROM purchase_staged_total_" + partition
                        + " WHERE staged_at <= now() - make_interval(secs => :age)"
                        + " AND customer_id IN (SELECT unnest(CAST(:customers AS BIGINT ARRAY))) RETURNING "
                        + String.join(", ", STAGED_COLUMNS) + "),"
                        // one grouping of the staged rows: per customer their sums, and their visit days
                        // and category shares end to end (V52), merged per customer below
                        + " g AS (SELECT customer_id, MIN(currency) AS currency, MIN(first_purchase_at) AS f,"
                        + " MAX(last_purchase_at) AS l, SUM(order_count) AS n, SUM(spend) AS p,"
                        + " MAX(last_purchase_day) AS d, arrays_concatenated(visit_days) AS days,"
                        + " arrays_concatenated(category_codes) AS codes, arrays_concatenated(category_spend) AS amounts,"
                        + " arrays_concatenated(category_quantity) AS units FROM t GROUP BY customer_id),"
                        + " summed AS (INSERT INTO customer_purchase_summary AS s (customer_id, currency,"
                        + " first_purchase_at, last_purchase_at, order_count, spend, visit_count, visit_days,"
                        + " last_purchase_day, category_codes, category_spend, category_quantity)"
                        + " SELECT g.customer_id, g.currency, g.f, g.l, g.n, g.p, cardinality(v.days), v.days, g.d,"
                        + " c.codes, c.amounts, c.units FROM g,"
                        + " LATERAL (SELECT COALESCE(array_agg(DISTINCT x ORDER BY x), '{}') AS days"
                        + " FROM unnest(g.days) AS x) v,"
                        // one sort feeds the three arrays (see CATEGORIES_MERGED)
                        + " LATERAL (SELECT COALESCE(array_agg(m.code), '{}') AS codes,"
                        + " COALESCE(array_agg(m.amount), '{}') AS amounts, COALESCE(array_agg(m.units), '{}') AS units"
                        + " FROM (SELECT u.code, SUM(u.amount) AS amount, SUM(u.units) AS units"
                        + " FROM unnest(g.codes, g.amounts, g.units) AS u(code, amount, units)"
                        + " GROUP BY u.code ORDER BY u.code COLLATE \"C\") m) c"
                        + " ORDER BY g.customer_id"
                        + SUMMARY_INCREMENT + "," + VISITS_MERGED + "," + CATEGORIES_MERGED + ")"
                        // every customer summed is written (the upsert has no condition), and a
                        // statement in WITH runs to its end whether or not its rows are read
                        + " SELECT customer_id, d FROM g ORDER BY customer_id")
                .param("age", age.toMillis() / 1000.0)
                .param("customers", locked.toArray(Long[]::new))
                .query(rs -> {
                    changed.put(rs.getLong(1), LocalDate.ofEpochDay(rs.getLong(2)));
                });
        if (!changed.isEmpty()) {
            customers.figuresChanged(List.copyOf(changed.keySet()));
        }
        return changed;
    }

    /**
     * How a summary takes staged visit days (in order, each once): appended when they all come after
     * its last one, as when a file's orders are in time order; else the two are merged.
     */
    private static final String VISITS_MERGED;

    static {
        String none = "cardinality(EXCLUDED.visit_days) = 0";
        String after = "cardinality(s.visit_days) = 0"
                + " OR s.visit_days[cardinality(s.visit_days)] < EXCLUDED.visit_days[1]";
        String both = "unnest(s.visit_days || EXCLUDED.visit_days) AS d";
        VISITS_MERGED = " visit_days = CASE WHEN " + none + " THEN s.visit_days WHEN " + after
                + " THEN s.visit_days || EXCLUDED.visit_days ELSE ARRAY(SELECT DISTINCT d FROM " + both
                + " ORDER BY d) END,"
                + " visit_count = CASE WHEN " + none + " THEN s.visit_count WHEN " + after
                + " THEN s.visit_count + cardinality(EXCLUDED.visit_days) ELSE (SELECT COUNT(DISTINCT d) FROM "
                + both + ") END";
    }

    /**
     * How a summary takes staged category shares: its arrays and the staged ones are summed per code
     * and laid out again in code order, under the row's lock (an order placed meanwhile is kept). The
     * three arrays are aggregated from one sorted input without an order of their own: each row goes
     * to all three at once, so they stay aligned element by element, in the order the input was sorted
     * (PostgreSQL sorts once instead of once per array and customer; the category shares of the
     * staged rows are built the same way).
     */
    private static final String CATEGORIES_MERGED = " (category_codes, category_spend, category_quantity) ="
            + " (SELECT COALESCE(array_agg(m.code), '{}'), COALESCE(array_agg(m.spend), '{}'),"
            + " COALESCE(array_agg(m.quantity), '{}') FROM (SELECT u.code, SUM(u.spend) AS spend,"
            + " SUM(u.quantity) AS quantity FROM (SELECT * FROM unnest(s.category_codes, s.category_spend,"
            + " s.category_quantity) UNION ALL SELECT * FROM unnest(EXCLUDED.category_codes, EXCLUDED.category_spend,"
            + " EXCLUDED.category_quantity)) AS u(code, spend, quantity) GROUP BY u.code ORDER BY u.code) m)";

    /** How a summary row takes an increment (a batch's or staged ones). */
    private static final String SUMMARY_INCREMENT = " ON CONFLICT (customer_id) DO UPDATE SET"
            + " first_purchase_at = LEAST(s.first_purchase_at, EXCLUDED.first_purchase_at),"
            + " last_purchase_at = GREATEST(s.last_purchase_at, EXCLUDED.last_purchase_at),"
            + " last_purchase_day = GREATEST(s.last_purchase_day, EXCLUDED.last_purchase_day),"
            + " order_count = s.order_count + EXCLUDED.order_count, spend = s.spend + EXCLUDED.spend";

    /** PostgreSQL: the summaries (opened where missing) and their increments in one statement. */
    private void upsertTotals(List<Object[]> totals) {
        bulk.execute(
                "INSERT INTO customer_purchase_summary AS s (customer_id, currency, first_purchase_at,"
                        + " last_purchase_at, order_count, spend, last_purchase_day)"
                        + " SELECT * FROM unnest(?::int8[], ?::varchar[], ?::timestamptz[], ?::timestamptz[],"
                        + " ?::int8[], ?::numeric[], ?::int8[]) AS u(c, cur, f, l, n, p, d) ORDER BY u.c"
                        + SUMMARY_INCREMENT,
                List.of("int8", "varchar", "timestamptz", "timestamptz", "int8", "numeric", "int8"),
                null,
                totals);
    }

    /** Elsewhere: the same in two batched statements. */
    private void updateTotals(List<Object[]> totals) {
        bulk.batch(
                "INSERT INTO customer_purchase_summary (customer_id, currency) VALUES (?, ?) ON CONFLICT DO NOTHING",
                totals.stream().map(t -> new Object[] {t[0], t[1]}).toList());
        bulk.batch(
                "UPDATE customer_purchase_summary SET first_purchase_at = LEAST(COALESCE(first_purchase_at, ?), ?),"
                        + " last_purchase_at = GREATEST(COALESCE(last_purchase_at, ?), ?),"
                        + " last_purchase_day = GREATEST(COALESCE(last_purchase_day, ?), ?),"
                        + " order_count = order_count + ?, spend = spend + ? WHERE customer_id = ?",
                totals.stream()
                        .map(t -> new Object[] {t[2], t[2], t[3], t[3], t[6], t[6], t[4], t[5], t[0]})
                        .toList());
    }

    public void orderRefunded(Order order, Order.Refund refund, BigDecimal paidOut) {
        // an imported order can be refunded before its import's last step has opened the summary
        // (applyStaged); the refund's decrements are kept and the staged increments follow
        jdbc.sql("INSERT INTO customer_purchase_summary (customer_id, currency) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(order.customerId(), order.currency())
                .update();
        jdbc.sql(
                        "UPDATE customer_purchase_summary SET spend = spend - ?, refunded = refunded + ? WHERE customer_id = ?")
                .params(paidOut, paidOut, order.customerId())
                .update();
        Delta d = new Delta(order.currency());
        Map<String, Long> units = new java.util.HashMap<>();
        refund.quantities().forEach((line, qty) -> units.merge(line.category, (long) qty, Long::sum));
        refund.perCategory()
                .forEach((category, amount) -> d.addCategory(
                        category,
                        amount.setScale(2, RoundingMode.HALF_UP).negate(),
                        -units.getOrDefault(category, 0L)));
        addToArrays(Map.of(order.customerId(), d));
        publish(order.customerId());
    }

    /**
     * Recomputes one customer's aggregates from their orders (cancelled ones left out), with the
     * same rounding as the increments: after a merge moved orders, a cancellation, or to repair.
     */
    public void rebuild(long customerId) {
        if (stages()) {
            // increments an import staged for the customer are in the orders the rebuild reads
            jdbc.sql("DELETE FROM purchase_staged_total WHERE customer_id = ?")
                    .param(customerId)
                    .update();
        }
        jdbc.sql("DELETE FROM customer_purchase_summary WHERE customer_id = ?")
                .param(customerId)
                .update();
        jdbc.sql("INSERT INTO customer_purchase_summary (customer_id, currency, first_purchase_at, last_purchase_at,"
                        + " order_count, spend, refunded)"
                        + " SELECT o.customer_id, MIN(o.currency), MIN(o.placed_at), MAX(o.placed_at), COUNT(*),"
                        + " SUM(o.payable) - COALESCE(SUM(r.paid), 0), COALESCE(SUM(r.paid), 0)"
                        + " FROM customer_order o LEFT JOIN (SELECT order_id, SUM(amount) AS paid FROM order_refund"
                        + " GROUP BY order_id) r ON r.order_id = o.id WHERE o.customer_id = ? AND o.status <> 'CANCELLED'"
                        + " GROUP BY o.customer_id")
                .param(customerId)
                .update();
        // the arrays start empty on the new row, so the increments are the whole of them
        Delta d = new Delta("");
        d.visits.addAll(jdbc.sql("SELECT DISTINCT business_date FROM customer_order WHERE customer_id = ?"
                        + " AND channel = 'STORE' AND status <> 'CANCELLED'")
                .param(customerId)
                .query((rs, n) -> rs.getDate(1).toLocalDate())
                .list());
        // what each line paid as Order#paidPerCategory works it out: its net less its part of the
        // coupon (as allocated, else its share of the net amounts), times what was paid after the coupon
        jdbc.sql("SELECT l.category_code,"
                        + " SUM(CASE WHEN o.subtotal - o.coupon_amount <= 0 THEN 0 ELSE ROUND((l.net_amount"
                        + " - COALESCE(l.coupon_share, CASE WHEN o.subtotal = 0 THEN 0 ELSE"
                        + " ROUND(l.net_amount * o.coupon_amount / o.subtotal, 10) END))"
                        + " * o.payable / (o.subtotal - o.coupon_amount), 2) END)"
                        + " - COALESCE(SUM(rl.refunded), 0), SUM(l.quantity) - COALESCE(SUM(rl.units), 0)"
                        + " FROM customer_order o JOIN order_line l ON l.order_id = o.id"
                        + " LEFT JOIN (SELECT x.order_id, x.line_no, SUM(x.quantity) AS units,"
                        + " SUM(CASE WHEN o2.subtotal - o2.coupon_amount <= 0 THEN 0 ELSE ROUND((ROUND(l2.net_amount"
                        + " * x.quantity / l2.quantity, 10) - ROUND(COALESCE(l2.coupon_share, CASE WHEN"
                        + " o2.subtotal = 0 THEN 0 ELSE ROUND(l2.net_amount * o2.coupon_amount / o2.subtotal, 10)"
                        + " END) * x.quantity / l2.quantity, 10)) * o2.payable / (o2.subtotal - o2.coupon_amount),"
                        + " 2) END) AS refunded"
                        + " FROM order_refund_line x JOIN order_line l2 ON l2.order_id = x.order_id"
                        + " AND l2.line_no = x.line_no JOIN customer_order o2 ON o2.id = x.order_id"
                        + " WHERE o2.customer_id = :customer GROUP BY x.order_id, x.line_no) rl"
                        + " ON rl.order_id = l.order_id AND rl.line_no = l.line_no"
                        + " WHERE o.customer_id = :customer AND o.status <> 'CANCELLED'"
                        + " GROUP BY l.category_code")
                .param("customer", customerId)
                .query(rs -> {
                    d.addCategory(
                            rs.getString(1), rs.getBigDecimal(2).setScale(2, RoundingMode.HALF_UP), rs.getLong(3));
                });
        addToArrays(Map.of(customerId, d));
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
                long visits,
                Object[] codes,
                Object[] categorySpend,
                Object[] categoryQuantity) {}
        Optional<Row> row = jdbc.sql(
                        "SELECT currency, first_purchase_at, last_purchase_at, order_count, spend, refunded,"
                                + " visit_count, category_codes, category_spend, category_quantity"
                                + " FROM customer_purchase_summary WHERE customer_id = ?")
                .param(customerId)
                .query((rs, n) -> new Row(
                        rs.getString(1).strip(),
                        rs.getTimestamp(2),
                        rs.getTimestamp(3),
                        rs.getLong(4),
                        rs.getBigDecimal(5),
                        rs.getBigDecimal(6),
                        rs.getLong(7),
                        (Object[]) rs.getArray(8).getArray(),
                        (Object[]) rs.getArray(9).getArray(),
                        (Object[]) rs.getArray(10).getArray()))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Row r = row.get();
        List<PurchaseSummary.CategorySpend> top = new ArrayList<>();
        for (int i = 0; i < r.codes().length; i++) {
            BigDecimal spent = (BigDecimal) r.categorySpend()[i];
            if (spent.signum() > 0) {
                top.add(new PurchaseSummary.CategorySpend(
                        (String) r.codes()[i],
                        new Money(spent, r.currency()),
                        ((Number) r.categoryQuantity()[i]).longValue()));
            }
        }
        top.sort(java.util.Comparator.comparing(
                        (PurchaseSummary.CategorySpend c) -> c.spend().amount())
                .reversed()
                .thenComparing(PurchaseSummary.CategorySpend::category, OrderLineImport.IN_CODE_POINT_ORDER));
        top = top.subList(0, Math.min(top.size(), topCategories));
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
