package io.guanxi.loyalty.domain;

import io.guanxi.loyalty.MovementType;
import io.guanxi.shared.persistence.BulkRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The points an order import's batches worked out, staged with their orders and written to the
 * ledger when the import is through its file (PostgreSQL, V53, ADR 0018): a customer's account is
 * then locked and moved once per import instead of once per batch they had an order in. Until then
 * the points are in neither the ledger nor the balance, so the balance stays the sum of the
 * movements. Whatever needs a customer's earnings in the ledger first (a refund that takes them
 * back, a merge that moves them) applies that customer's staged rows through {@link #applyFor}.
 */
@Component
public class StagedEarnings {

    /** The hash partitions of the staging table (V53), as many as the purchase increments have (V43). */
    public static final int PARTITIONS = 16;

    private static final List<String> COLUMNS =
            List.of("customer_id", "source", "points", "actor", "note", "occurred_at", "available_at", "expires_at");
    private static final String RETURNED = String.join(", ", COLUMNS);

    private final JdbcClient jdbc;
    private final BulkRows bulk;
    private final PointsAccounts accounts;
    private final Clock clock;

    private final TransactionTemplate opening;

    StagedEarnings(
            JdbcClient jdbc,
            DataSource dataSource,
            PointsAccounts accounts,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.bulk = new BulkRows(dataSource);
        this.accounts = accounts;
        this.clock = clock;
        this.opening = new TransactionTemplate(transactionManager);
        this.opening.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Whether an import's points can be staged: on PostgreSQL. */
    public boolean stages() {
        return bulk.postgres();
    }

    /** One purchase's points, worked out and waiting for the ledger. */
    record Earning(
            long customerId,
            String source,
            long points,
            String actor,
            String note,
            Instant occurredAt,
            Instant availableAt,
            Instant expiresAt) {

        Object[] row() {
            return new Object[] {customerId, source, points, actor, note, occurredAt, availableAt, expiresAt};
        }

        static Earning read(ResultSet rs) throws SQLException {
            return new Earning(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getLong(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getTimestamp(6).toInstant(),
                    rs.getTimestamp(7).toInstant(),
                    rs.getTimestamp(8).toInstant());
        }
    }

    /** Appends earnings in the caller's transaction (an import batch's, with its orders). */
    void stage(List<Earning> earnings) {
        bulk.insert(
                "points_staged_earning",
                COLUMNS,
                earnings.stream().map(Earning::row).toList());
    }

    /**
     * Writes the earnings staged in one partition at least {@code age} ago (by the database's clock;
     * zero: every batch committed before this statement) to the ledger, in the caller's transaction;
     * answers how many. The partition's customers' accounts are locked first, in customer order
     * (opened where missing), with those of {@code alsoLocked} (the customers whose purchase
     * increments the caller applies next, so that every account the step touches is taken before
     * any purchase summary, as ADR 0006 orders them); then one statement deletes the staged rows of exactly those customers
     * and appends their movements and lots in the order they were earned and moves each balance once by the
     * customer's total. A customer in debt takes their points through the account instead, so that
     * the new lots pay the debt first (as {@link PointsLedger#earnForPurchase} does). A staged row
     * leaves the table as it enters the ledger, so none is applied twice; a source the ledger already
     * holds would fail the transaction on the ledger's unique key ({@code type, source}) and leave
     * the partition's rows staged, rather than earn twice.
     */
    public long apply(int partition, Duration age, Collection<Long> alsoLocked) {
        if (partition < 0 || partition >= PARTITIONS) {
            throw new IllegalArgumentException("No staging partition " + partition);
        }
        String table = "points_staged_earning_" + partition;
        double seconds = age.toMillis() / 1000.0;
        TreeSet<Long> union = new TreeSet<>(alsoLocked);
        union.addAll(jdbc.sql("SELECT DISTINCT customer_id FROM " + table
                        + " WHERE staged_at <= now() - make_interval(secs => :age)")
                .param("age", seconds)
                .query(Long.class)
                .list());
        if (union.isEmpty()) {
            return 0;
        }
        List<Long> customers = List.copyOf(union);
        Instant now = clock.instant();
        // accounts missing are opened and committed on their own first (an empty account is nothing
        // to roll back), so the step then locks every account in customer order without inserting
        // one while it holds another: a merge of a customer the import created, locking the two
        // accounts in order, would otherwise wait for the step while the step waits for its insert
        opening.executeWithoutResult(t -> accounts.openMissing(customers, now));
        Map<Long, PointsAccounts.Held> held = accounts.lockAll(customers, now);
        List<Long> clear = new ArrayList<>(customers.size());
        List<Long> inDebt = new ArrayList<>();
        for (Long customer : customers) {
            (held.get(customer).balance() < 0 ? inDebt : clear).add(customer);
        }
        long written = clear.isEmpty()
                ? 0
                : jdbc.sql("WITH s AS (DELETE FROM " + table
                                + " WHERE staged_at <= now() - make_interval(secs => :age)"
                                // only the customers locked above: rows a batch commits meanwhile wait
                                + " AND customer_id IN (SELECT unnest(CAST(:customers AS BIGINT ARRAY)))"
                                + " RETURNING " + RETURNED + "),"
                                // the movements' ids from their sequence in the order earned (as a file in
                                // time order had them: the ledger's source key and the lots' expiry grow
                                // at their ends), so that the lots need no join back to the movements
                                + " n AS (SELECT nextval(q.seq) AS id, o.* FROM (SELECT pg_get_serial_sequence("
                                + "'points_movement', 'id')::regclass AS seq OFFSET 0) q,"
                                + " (SELECT * FROM s ORDER BY occurred_at, source) o),"
                                + " m AS (INSERT INTO points_movement (id, customer_id, type, points, reason, source,"
                                + " actor, note, occurred_at) SELECT id, customer_id, '" + MovementType.EARN.name()
                                + "', points, '" + PURCHASE + "', source, actor, note, occurred_at FROM n),"
                                + " l AS (INSERT INTO points_lot (customer_id, movement_id, source, earned, remaining,"
                                + " earned_at, available_at, expires_at) SELECT customer_id, id, source, points, points,"
                                + " occurred_at, available_at, expires_at FROM n),"
                                + " u AS (SELECT customer_id AS c, SUM(points) AS p FROM n GROUP BY customer_id),"
                                + " b AS (UPDATE points_account a SET balance = a.balance + u.p FROM u"
                                + " WHERE a.customer_id = u.c" + PointsAccounts.ONLY_THESE + ")"
                                + " SELECT COUNT(*) FROM n")
                        .param("age", seconds)
                        .param("customers", clear.toArray(Long[]::new))
                        .query(Long.class)
                        .single();
        if (!inDebt.isEmpty()) {
            List<Earning> earnings = jdbc.sql("DELETE FROM " + table
                            + " WHERE staged_at <= now() - make_interval(secs => :age)"
                            + " AND customer_id = ANY(:customers) RETURNING " + RETURNED)
                    .param("age", seconds)
                    .param("customers", inDebt.toArray(Long[]::new))
                    .query((rs, n) -> Earning.read(rs))
                    .list();
            written += credit(earnings, now);
        }
        return written;
    }

    /**
     * Writes one customer's staged earnings to the ledger under the account's lock, in the caller's
     * transaction (before a refund takes some back or a merge moves them); answers how many.
     */
    public long applyFor(long customerId) {
        if (!stages()) {
            return 0;
        }
        Instant now = clock.instant();
        // the account first, as the last step locks accounts before it takes their staged rows; the
        // account itself (its lots) is read only when there is something to credit
        accounts.lockAll(List.of(customerId), now);
        List<Earning> earnings = jdbc.sql(
                        "DELETE FROM points_staged_earning WHERE customer_id = ? RETURNING " + RETURNED)
                .param(customerId)
                .query((rs, n) -> Earning.read(rs))
                .list();
        return credit(earnings, now);
    }

    /**
     * As {@link #applyFor(long)}, before a refund of the purchase {@code source}: for the customer
     * and, where the purchase's staged points are still under another customer (a merge that moved
     * the order has not moved the points yet), for that one too, in customer order.
     */
    public long applyFor(long customerId, String source) {
        if (!stages()) {
            return 0;
        }
        TreeSet<Long> owners = new TreeSet<>(jdbc.sql("SELECT customer_id FROM points_staged_earning WHERE source = ?")
                .param(source)
                .query(Long.class)
                .list());
        owners.add(customerId);
        long written = 0;
        for (long owner : owners) {
            written += applyFor(owner);
        }
        return written;
    }

    /** Whether purchases of the customer have points staged (their import not through yet). */
    public boolean holds(long customerId) {
        return stages()
                && jdbc.sql("SELECT EXISTS (SELECT 1 FROM points_staged_earning WHERE customer_id = ?)")
                        .param(customerId)
                        .query(Boolean.class)
                        .single();
    }

    /** Credits earnings through each customer's account (locked already), lot by lot, debts first. */
    private long credit(List<Earning> earnings, Instant now) {
        Map<Long, List<Earning>> byCustomer = new TreeMap<>();
        earnings.forEach(e -> byCustomer
                .computeIfAbsent(e.customerId(), c -> new ArrayList<>())
                .add(e));
        long written = 0;
        for (Map.Entry<Long, List<Earning>> customer : byCustomer.entrySet()) {
            PointsAccount account = accounts.lock(customer.getKey(), now);
            customer.getValue().sort(ORDER);
            for (Earning e : customer.getValue()) {
                if (accounts.movement(MovementType.EARN, e.source()).isPresent()) {
                    continue;
                }
                account.credit(
                        MovementType.EARN,
                        e.points(),
                        PURCHASE,
                        e.source(),
                        e.actor(),
                        e.note(),
                        e.occurredAt(),
                        e.availableAt(),
                        e.expiresAt());
                written++;
            }
            accounts.save(account);
        }
        return written;
    }

    /** The order a customer's earnings enter the ledger in (the set-based statement's). */
    private static final java.util.Comparator<Earning> ORDER =
            java.util.Comparator.comparing(Earning::occurredAt).thenComparing(Earning::source);

    /** The reason of a purchase's earning (as {@link PointsLedger#earnForPurchase} writes it). */
    static final String PURCHASE = "PURCHASE";
}
