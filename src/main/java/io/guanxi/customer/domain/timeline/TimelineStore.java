package io.guanxi.customer.domain.timeline;

import io.guanxi.customer.TimelineEntry;
import io.guanxi.customer.domain.CustomerRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Timeline entries in SQL. Every read is a range of one of the two (customer, ...) indexes. */
@Repository
class TimelineStore {

    static final String INSERT = "INSERT INTO customer_timeline_entry (customer_id, origin_customer_id, type,"
            + " occurred_at, title, detail, source_module, source_ref, actor, recorded_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private static final String COLUMNS = "id, customer_id, origin_customer_id, type, occurred_at, title, detail,"
            + " source_module, source_ref, actor";

    private final JdbcClient jdbc;
    private final CustomerRepository customers;

    TimelineStore(JdbcClient jdbc, CustomerRepository customers) {
        this.customers = customers;
        this.jdbc = jdbc;
    }

    /** Writes an entry unless one with its source key exists; true when it was written. */
    boolean insert(long customerId, long originId, TimelineRow row, Instant now) {
        return jdbc.sql(INSERT).params(row.values(customerId, originId, now)).update() == 1;
    }

    /** Writes an entry whose source key is new (the customer module's own), returning its id. */
    long insertNew(long customerId, TimelineRow row, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql(INSERT.replace(" ON CONFLICT DO NOTHING", ""))
                .params(row.values(customerId, customerId, now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<TimelineEntry> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM customer_timeline_entry WHERE id = ?")
                .param(id)
                .query(TimelineStore::map)
                .optional();
    }

    /**
     * The customer an entry for {@code id} shows on: the customer itself, or the survivor it was merged
     * into (following merges of merges); empty when there is no such customer.
     */
    Optional<Long> survivorOf(long id) {
        return customers.survivorOf(id);
    }

    /**
     * Newest first, before the cursor, of the given types (all when empty). Several types are read as
     * one index range each, merged and cut to the page, so a rare type is as fast as a common one.
     */
    List<TimelineEntry> page(long customerId, Collection<String> types, TimelineCursor before, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("customer", customerId);
        params.put("limit", limit);
        String keyset = "";
        if (before != null) {
            // The first condition bounds the index range; the second breaks ties on the same instant.
            keyset = " AND occurred_at <= :before_at AND (occurred_at < :before_at OR id < :before_id)";
            params.put("before_at", Timestamp.from(before.occurredAt()));
            params.put("before_id", before.id());
        }
        String order = " ORDER BY occurred_at DESC, id DESC LIMIT :limit";
        String sql;
        if (types.isEmpty()) {
            sql = "SELECT " + COLUMNS + " FROM customer_timeline_entry WHERE customer_id = :customer" + keyset + order;
        } else {
            List<String> ranges = new ArrayList<>();
            int n = 0;
            for (String type : new TreeSet<>(types)) {
                params.put("type" + n, type);
                ranges.add("SELECT * FROM (SELECT " + COLUMNS
                        + " FROM customer_timeline_entry WHERE customer_id = :customer AND type = :type" + n + keyset
                        + order + ") r" + n);
                n++;
            }
            sql = ranges.size() == 1
                    ? ranges.get(0)
                    : "SELECT * FROM (" + String.join(" UNION ALL ", ranges) + ") u" + order;
        }
        return jdbc.sql(sql).params(params).query(TimelineStore::map).list();
    }

    /**
     * The types on the customer's timeline. One index probe per type (a loose index scan of
     * {@code customer_timeline_type_idx}), so a long history costs nothing extra.
     */
    List<String> typesOf(long customerId) {
        return jdbc.sql("WITH RECURSIVE t (type) AS ("
                        + "(SELECT type FROM customer_timeline_entry WHERE customer_id = :customer ORDER BY type LIMIT 1)"
                        + " UNION ALL SELECT (SELECT e.type FROM customer_timeline_entry e WHERE e.customer_id = :customer"
                        + " AND e.type > t.type ORDER BY e.type LIMIT 1) FROM t WHERE t.type IS NOT NULL)"
                        + " SELECT type FROM t WHERE type IS NOT NULL")
                .param("customer", customerId)
                .query(String.class)
                .list();
    }

    /** A merge: everything on the merged customer's timeline shows on the survivor's. */
    int move(long fromCustomerId, long toCustomerId) {
        return jdbc.sql("UPDATE customer_timeline_entry SET customer_id = ? WHERE customer_id = ?")
                .params(toCustomerId, fromCustomerId)
                .update();
    }

    /**
     * Undoing a merge: the survivor's entries written for the merged customer, or for customers that
     * had been merged into it, go back to it. Later merges of these customers are undone first, so
     * these are exactly the entries the merge moved (and any published for them since).
     */
    int moveBack(long survivorId, long mergedId) {
        Set<Long> origins = new TreeSet<>(customers.mergedInto(mergedId));
        origins.add(mergedId);
        return jdbc.sql("UPDATE customer_timeline_entry SET customer_id = :merged"
                        + " WHERE customer_id = :survivor AND origin_customer_id IN (:origins)")
                .param("merged", mergedId)
                .param("survivor", survivorId)
                .param("origins", origins)
                .update();
    }

    /**
     * Erasure: what the timelines hold of the person in free text goes. Notes, calls and visits
     * staff wrote about these customers are deleted; messages sent to them lose their text (a
     * greeting names its addressee); merges that name one of them keep the id only, wherever they
     * are shown. Entries that carry only ids, codes and figures (orders, points, coupons) stay.
     */
    int erase(Collection<Long> customerIds) {
        int changed = jdbc.sql(
                        "DELETE FROM customer_timeline_entry WHERE (customer_id IN (:ids)"
                                + " OR origin_customer_id IN (:ids)) AND source_module = 'customer' AND source_ref LIKE 'note:%'")
                .param("ids", customerIds)
                .update();
        changed += jdbc.sql("UPDATE customer_timeline_entry SET detail = NULL WHERE (customer_id IN (:ids)"
                        + " OR origin_customer_id IN (:ids)) AND type = 'MESSAGE' AND detail IS NOT NULL")
                .param("ids", customerIds)
                .update();
        for (long id : customerIds) {
            changed += jdbc.sql("UPDATE customer_timeline_entry SET detail = :detail WHERE source_module = 'customer'"
                            + " AND title = 'CUSTOMERS_MERGED' AND detail LIKE :named")
                    .param("detail", "#" + id)
                    .param("named", "% (#" + id + ")")
                    .update();
        }
        return changed;
    }

    /** One entry per customer of a departing owner, before they go back to the pool (set-based). */
    int returnedToPool(long ownerId, String title, String detail, String sourceRefPrefix, Instant now) {
        Timestamp at = Timestamp.from(now);
        return jdbc.sql("INSERT INTO customer_timeline_entry (customer_id, origin_customer_id, type, occurred_at,"
                        + " title, detail, source_module, source_ref, actor, recorded_at)"
                        + " SELECT id, id, 'OWNER', ?, ?, ?, 'customer', ? || CAST(id AS VARCHAR(20)), 'system', ?"
                        + " FROM customer WHERE owner_id = ? AND merged_into IS NULL ON CONFLICT DO NOTHING")
                .params(at, title, detail, sourceRefPrefix, at, ownerId)
                .update();
    }

    static TimelineEntry map(ResultSet rs, int row) throws SQLException {
        return new TimelineEntry(
                rs.getLong("id"),
                rs.getLong("customer_id"),
                rs.getLong("origin_customer_id"),
                rs.getString("type"),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("title"),
                rs.getString("detail"),
                rs.getString("source_module"),
                rs.getString("source_ref"),
                rs.getString("actor"));
    }
}
