package io.guanxi.loyalty.domain;

import io.guanxi.loyalty.MovementType;
import io.guanxi.loyalty.PointsMovementView;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.PageResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Points accounts in the database. {@link #lock} takes the account row with {@code FOR UPDATE}, so
 * changes to one customer's points are serialised across transactions and application instances;
 * {@link #save} appends the new movements, lots and allocations and moves the cached balance and lot
 * remainders with them, in the caller's transaction.
 */
@Repository
public class PointsAccounts {

    public static final Map<String, String> LEDGER_SORT = Map.of("occurredAt", "occurred_at");
    private static final String DEFAULT_TIER = "STANDARD";
    private static final String MOVEMENT_COLUMNS =
            "id, customer_id, type, points, reason, source, actor, note, occurred_at";

    private final JdbcClient jdbc;
    private final io.guanxi.shared.persistence.BulkRows bulk;

    PointsAccounts(JdbcClient jdbc, javax.sql.DataSource dataSource) {
        this.jdbc = jdbc;
        this.bulk = new io.guanxi.shared.persistence.BulkRows(dataSource);
    }

    /**
     * The end of a set-based update of accounts from a common table {@code u} with a column {@code c}
     * of customer ids: the accounts are read by those ids through the key's index. Joined with the
     * rows alone, the planner sorted them and merge-joined them with a scan of the whole index (an
     * import batch names a few thousand customers spread over all of them): 754 ms against 65 ms for
     * 6,932 of 534,000 accounts, and growing with the table.
     */
    static final String ONLY_THESE = " AND a.customer_id = ANY(ARRAY(SELECT c FROM u))";

    /**
     * Many customers' accounts under row locks: {@code lock} reads and locks those of the given
     * customers that exist (in customer-id order, the lock order every path keeps); accounts missing
     * are then opened (lowest tier, no points) set-based and locked the same way. Most customers of
     * an import batch have an account already, so looking first saves an insert with a conflict check
     * per customer.
     *
     * @param customerIds ascending, without duplicates
     */
    public <T> Map<Long, T> lockOpeningMissing(
            List<Long> customerIds, java.util.function.Function<List<Long>, Map<Long, T>> lock, Instant now) {
        Map<Long, T> locked = new java.util.HashMap<>(lock.apply(customerIds));
        List<Long> missing =
                customerIds.stream().filter(id -> !locked.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            openMissing(missing, now);
            locked.putAll(lock.apply(missing));
        }
        return locked;
    }

    /** An account's tier and balance, as read under its lock. */
    public record Held(String tier, long balance) {}

    /**
     * Many customers' accounts under row locks, read in one statement per 10,000 in customer-id
     * order (the lock order every path keeps), opening those missing ({@link #lockOpeningMissing}).
     *
     * @param customerIds ascending, without duplicates
     */
    public Map<Long, Held> lockAll(List<Long> customerIds, Instant now) {
        return lockOpeningMissing(customerIds, this::lockExisting, now);
    }

    private Map<Long, Held> lockExisting(List<Long> ids) {
        Map<Long, Held> held = new java.util.HashMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            jdbc.sql("SELECT customer_id, tier, balance FROM points_account WHERE customer_id = ANY(:ids)"
                            + " ORDER BY customer_id FOR UPDATE")
                    .param("ids", chunk(ids, from))
                    .query(rs -> {
                        held.put(rs.getLong(1), new Held(rs.getString(2), rs.getLong(3)));
                    });
        }
        return held;
    }

    /** The tier of each customer as it is now, without a lock (the lowest tier where no account exists). */
    public Map<Long, String> tiers(List<Long> customerIds) {
        Map<Long, String> tiers = new java.util.HashMap<>();
        for (int from = 0; from < customerIds.size(); from += CHUNK) {
            jdbc.sql("SELECT customer_id, tier FROM points_account WHERE customer_id = ANY(:ids)")
                    .param("ids", chunk(customerIds, from))
                    .query(rs -> {
                        tiers.put(rs.getLong(1), rs.getString(2));
                    });
        }
        customerIds.forEach(id -> tiers.putIfAbsent(id, DEFAULT_TIER));
        return tiers;
    }

    private static final int CHUNK = 10_000;

    private static Long[] chunk(List<Long> ids, int from) {
        return ids.subList(from, Math.min(ids.size(), from + CHUNK)).toArray(Long[]::new);
    }

    /**
     * Opens the accounts of those customers that have none (lowest tier, no points), set-based, in
     * customer order; the others are only looked at (no insert, no lock).
     */
    public void openMissing(List<Long> customerIds, Instant now) {
        List<Object[]> open =
                customerIds.stream().map(id -> new Object[] {id, now}).toList();
        bulk.execute(
                "INSERT INTO points_account (customer_id, tier, balance, created_at) SELECT u.c, '" + DEFAULT_TIER
                        + "', 0, u.t FROM unnest(?::int8[], ?::timestamptz[]) AS u(c, t)"
                        + " WHERE NOT EXISTS (SELECT 1 FROM points_account a WHERE a.customer_id = u.c) ORDER BY u.c"
                        + " ON CONFLICT DO NOTHING",
                List.of("int8", "timestamptz"),
                "INSERT INTO points_account (customer_id, tier, balance, created_at) VALUES (?, '" + DEFAULT_TIER
                        + "', 0, ?) ON CONFLICT DO NOTHING",
                open);
    }

    /** The account under a row lock held until the transaction ends; opened on first use. */
    public PointsAccount lock(long customerId, Instant now) {
        jdbc.sql("INSERT INTO points_account (customer_id, tier, balance, created_at) VALUES (?, ?, 0, ?)"
                        + " ON CONFLICT DO NOTHING")
                .params(customerId, DEFAULT_TIER, Timestamp.from(now))
                .update();
        return load(customerId, " FOR UPDATE").orElseThrow();
    }

    /** The account as it is now, without a lock (for reading balances). */
    public PointsAccount read(long customerId) {
        return load(customerId, "").orElseGet(() -> PointsAccount.open(customerId, DEFAULT_TIER));
    }

    private Optional<PointsAccount> load(long customerId, String lock) {
        Optional<Map<String, Object>> row = jdbc
                .sql("SELECT tier, balance FROM points_account WHERE customer_id = ?" + lock)
                .param(customerId)
                .query()
                .listOfRows()
                .stream()
                .findFirst();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        String tier = (String) row.get().get("tier");
        long balance = ((Number) row.get().get("balance")).longValue();
        // lots are reached through the movements that earned them (V48)
        List<PointsLot> lots = jdbc.sql("SELECT l.id, l.movement_id, l.source, l.earned, l.remaining, l.earned_at,"
                        + " l.available_at, l.expires_at FROM points_movement m JOIN points_lot l ON l.movement_id = m.id"
                        + " WHERE m.customer_id = :customer AND l.customer_id = :customer AND l.remaining > 0")
                .param("customer", customerId)
                .query(PointsAccounts::lot)
                .list();
        long held = lots.stream().mapToLong(PointsLot::remaining).sum();
        List<PointsAccount.Debt> debts = held > balance ? debts(customerId) : List.of();
        return Optional.of(PointsAccount.restore(customerId, tier, balance, lots, debts));
    }

    private List<PointsAccount.Debt> debts(long customerId) {
        return jdbc.sql("SELECT m.id, m.customer_id, m.type, m.points, m.reason, m.source, m.actor, m.note,"
                        + " m.occurred_at, -m.points - COALESCE(SUM(a.points), 0) AS uncovered"
                        + " FROM points_movement m LEFT JOIN points_allocation a ON a.movement_id = m.id"
                        + " WHERE m.customer_id = ? AND m.type = 'REVERSE' AND m.points < 0"
                        + " GROUP BY m.id, m.customer_id, m.type, m.points, m.reason, m.source, m.actor, m.note,"
                        + " m.occurred_at HAVING -m.points - COALESCE(SUM(a.points), 0) > 0 ORDER BY m.id")
                .param(customerId)
                .query((rs, n) -> new PointsAccount.Debt(movement(rs), rs.getLong("uncovered")))
                .list();
    }

    /** Appends what the account did since it was loaded. */
    public void save(PointsAccount account) {
        for (PointsMovement movement : account.appended()) {
            if (movement.id() != null) {
                continue;
            }
            if (movement.type() == MovementType.EXPIRE) {
                account.allocations().stream()
                        .filter(a -> a.movement() == movement)
                        .findFirst()
                        .ifPresent(
                                a -> movement.sourceOnceStored("lot:" + a.lot().id()));
            }
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql("INSERT INTO points_movement (customer_id, type, points, reason, source, actor, note, occurred_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            movement.customerId(),
                            movement.type().name(),
                            movement.points(),
                            movement.reason(),
                            movement.source(),
                            movement.actor(),
                            movement.note(),
                            Timestamp.from(movement.occurredAt()))
                    .update(keys, "id");
            movement.stored(keys.getKey().longValue());
        }
        for (PointsLot lot : account.created()) {
            if (lot.id() != null) {
                continue;
            }
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql("INSERT INTO points_lot (customer_id, movement_id, source, earned, remaining, earned_at,"
                            + " available_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            account.customerId(),
                            lot.earningId(),
                            lot.source(),
                            lot.earned(),
                            lot.remaining(),
                            Timestamp.from(lot.earnedAt()),
                            Timestamp.from(lot.availableAt()),
                            Timestamp.from(lot.expiresAt()))
                    .update(keys, "id");
            lot.stored(keys.getKey().longValue());
        }
        for (Allocation allocation : account.allocations()) {
            jdbc.sql("INSERT INTO points_allocation (movement_id, lot_id, points) VALUES (?, ?, ?)")
                    .params(allocation.movement().id(), allocation.lot().id(), allocation.points())
                    .update();
        }
        for (PointsLot lot : account.lots()) {
            if (lot.changedSinceLoaded()) {
                int rows = jdbc.sql("UPDATE points_lot SET remaining = ? WHERE id = ? AND remaining = ?")
                        .params(lot.remaining(), lot.id(), lot.remainingWhenLoaded())
                        .update();
                if (rows != 1) {
                    throw new IllegalStateException("Points lot " + lot.id() + " changed outside its account lock");
                }
            }
        }
        jdbc.sql("UPDATE points_account SET balance = ? WHERE customer_id = ?")
                .params(account.balance(), account.customerId())
                .update();
    }

    public Optional<PointsMovementView> movement(MovementType type, String source) {
        return jdbc.sql("SELECT " + MOVEMENT_COLUMNS + " FROM points_movement WHERE type = ? AND source = ?")
                .params(type.name(), source)
                .query((rs, n) -> movement(rs).view())
                .optional();
    }

    public PageResult<PointsMovementView> ledger(long customerId, PageQuery page) {
        long total = jdbc.sql("SELECT COUNT(*) FROM points_movement WHERE customer_id = ?")
                .param(customerId)
                .query(Long.class)
                .single();
        List<PointsMovementView> rows = jdbc.sql("SELECT " + MOVEMENT_COLUMNS
                        + " FROM points_movement WHERE customer_id = ?" + page.orderBy(LEDGER_SORT, "id DESC"))
                .param(customerId)
                .query((rs, n) -> movement(rs).view())
                .list();
        return PageResult.of(rows, page, total);
    }

    /** The latest expiry of the lots a movement took points from (to give restored points back). */
    public Optional<Instant> latestExpiryTakenBy(long movementId) {
        return jdbc.sql("SELECT MAX(l.expires_at) FROM points_allocation a JOIN points_lot l ON l.id = a.lot_id"
                        + " WHERE a.movement_id = ?")
                .param(movementId)
                .query((rs, n) -> {
                    Timestamp t = rs.getTimestamp(1);
                    return t == null ? null : t.toInstant();
                })
                .optional();
    }

    /** A refund's reversal already recorded, if any. */
    public Optional<ReversalRecord> reversal(String refundSource) {
        return jdbc.sql("SELECT refund_source, customer_id, purchase_source, reversed, deducted, restored"
                        + " FROM points_reversal WHERE refund_source = ?")
                .param(refundSource)
                .query(ReversalRecord.class)
                .optional();
    }

    /** Totals of the reversals recorded for one purchase. */
    public ReversalRecord reversalsOf(String purchaseSource) {
        return jdbc.sql("SELECT COALESCE(SUM(reversed), 0) AS reversed, COALESCE(SUM(deducted), 0) AS deducted,"
                        + " COALESCE(SUM(restored), 0) AS restored FROM points_reversal WHERE purchase_source = ?")
                .param(purchaseSource)
                .query((rs, n) -> new ReversalRecord(
                        null,
                        0,
                        purchaseSource,
                        rs.getLong("reversed"),
                        rs.getLong("deducted"),
                        rs.getLong("restored")))
                .single();
    }

    public void recordReversal(ReversalRecord record, Instant at) {
        jdbc.sql("INSERT INTO points_reversal (refund_source, customer_id, purchase_source, reversed, deducted,"
                        + " restored, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        record.refundSource(),
                        record.customerId(),
                        record.purchaseSource(),
                        record.reversed(),
                        record.deducted(),
                        record.restored(),
                        Timestamp.from(at))
                .update();
    }

    /** What one refund did to points. */
    public record ReversalRecord(
            String refundSource, long customerId, String purchaseSource, long reversed, long deducted, long restored) {}

    /** Customers with lots that have expired but still hold points, oldest first. */
    public List<Long> customersWithExpiredLots(Instant now, int limit) {
        return jdbc.sql("SELECT DISTINCT customer_id FROM points_lot WHERE expires_at <= ? AND remaining > 0"
                        + " ORDER BY customer_id LIMIT " + limit)
                .param(Timestamp.from(now))
                .query(Long.class)
                .list();
    }

    /** Lots expiring before {@code until} that hold points and were not announced yet, per customer. */
    public List<ExpiringPoints> unannouncedExpiring(Instant now, Instant until, int limit) {
        return jdbc.sql("SELECT customer_id, SUM(remaining) AS points, MIN(expires_at) AS expires_at FROM points_lot"
                        + " WHERE expires_at > ? AND expires_at <= ? AND remaining > 0 AND warned_at IS NULL"
                        + " GROUP BY customer_id ORDER BY customer_id LIMIT " + limit)
                .params(Timestamp.from(now), Timestamp.from(until))
                .query((rs, n) -> new ExpiringPoints(
                        rs.getLong("customer_id"),
                        rs.getLong("points"),
                        rs.getTimestamp("expires_at").toInstant()))
                .list();
    }

    public int markAnnounced(List<Long> customerIds, Instant now, Instant until) {
        if (customerIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("UPDATE points_lot SET warned_at = :now WHERE customer_id IN (:ids) AND expires_at > :now"
                        + " AND expires_at <= :until AND remaining > 0 AND warned_at IS NULL")
                .param("now", Timestamp.from(now))
                .param("until", Timestamp.from(until))
                .param("ids", customerIds)
                .update();
    }

    /** Points of one customer about to expire. */
    public record ExpiringPoints(long customerId, long points, Instant expiresAt) {}

    private static PointsLot lot(ResultSet rs, int n) throws SQLException {
        long id = rs.getLong("id");
        return new PointsLot(
                id,
                rs.getLong("movement_id"),
                null,
                rs.getString("source"),
                rs.getLong("earned"),
                rs.getLong("remaining"),
                rs.getTimestamp("earned_at").toInstant(),
                rs.getTimestamp("available_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(),
                id);
    }

    private static PointsMovement movement(ResultSet rs) throws SQLException {
        return new PointsMovement(
                rs.getLong("id"),
                rs.getLong("customer_id"),
                MovementType.valueOf(rs.getString("type")),
                rs.getLong("points"),
                rs.getString("reason"),
                rs.getString("source"),
                rs.getString("actor"),
                rs.getString("note"),
                rs.getTimestamp("occurred_at").toInstant());
    }
}
