package io.guanxi.customer.domain;

import io.guanxi.customer.CustomerKind;
import io.guanxi.customer.CustomerProperties;
import io.guanxi.customer.CustomersReturnedToPool;
import io.guanxi.customer.PoolReturnNoticed;
import io.guanxi.customer.TimelineEntryPublished;
import io.guanxi.identity.AuditTrail;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public pool (公海) over time: a customer whose owner has not followed up for the kind's
 * number of days goes back to the pool, and the owner is told a few days before. The clock starts
 * when the owner gets the customer and restarts at every follow-up. The daily sweep is set-based:
 * two statements per kind of customer.
 */
@Service
@Transactional
@EnableConfigurationProperties(CustomerProperties.class)
public class CustomerPool {

    private static final int ID_CHUNK = 5_000;

    private final JdbcClient jdbc;
    private final CustomerProperties properties;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;

    CustomerPool(
            JdbcClient jdbc,
            CustomerProperties properties,
            ApplicationEventPublisher events,
            AuditTrail audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** A follow-up by the owner (a call, a visit, a message): the customer's clock starts again. */
    public void followedUp(long customerId, Instant at) {
        jdbc.sql("UPDATE customer SET last_follow_up_at = ?, pool_notice_at = NULL WHERE id = ?"
                        + " AND (last_follow_up_at IS NULL OR last_follow_up_at < ?)")
                .params(Timestamp.from(at), customerId, Timestamp.from(at))
                .update();
    }

    /**
     * Gives owned customers that never had a follow-up one at a spread of recent days (0 to 27 days
     * ago, by customer id), so that a generated business does not send everyone to the pool at its
     * first sweep. For demo and benchmark data only.
     */
    public int spreadFollowUps(Instant now) {
        int updated = 0;
        for (int bucket = 0; bucket < 10; bucket++) {
            updated += jdbc.sql("UPDATE customer SET last_follow_up_at = ? WHERE owner_id IS NOT NULL"
                            + " AND last_follow_up_at IS NULL AND MOD(id, 10) = ?")
                    .params(Timestamp.from(now.minus(Duration.ofDays(3L * bucket))), bucket)
                    .update();
        }
        return updated;
    }

    /** The customer has a new owner: the clock starts now. */
    void ownerChanged(long customerId) {
        Instant now = clock.instant();
        jdbc.sql("UPDATE customer SET last_follow_up_at = ?, pool_notice_at = NULL WHERE id = ?")
                .params(Timestamp.from(now), customerId)
                .update();
    }

    /** What one sweep did. */
    public record Sweep(int noticed, int returned) {}

    /** Tells owners about customers due back in the pool soon, and returns those whose time is up. */
    public Sweep sweep(Instant now) {
        int noticed = 0;
        int returned = 0;
        Duration notice = properties.pool().noticeBefore();
        for (Map.Entry<CustomerKind, Duration> rule :
                properties.pool().returnAfter().entrySet()) {
            String kind = rule.getKey().name();
            Timestamp dueBy = Timestamp.from(now.minus(rule.getValue()));
            Timestamp noticeBy = Timestamp.from(now.minus(rule.getValue()).plus(notice));
            // back to the pool: time is up and the owner was told at least the notice period ago
            List<Map<String, Object>> due = jdbc.sql("SELECT id, owner_id FROM customer WHERE kind = ?"
                            + " AND owner_id IS NOT NULL AND merged_into IS NULL"
                            + " AND COALESCE(last_follow_up_at, created_at) <= ?"
                            + " AND pool_notice_at IS NOT NULL AND pool_notice_at <= ?")
                    .params(kind, dueBy, Timestamp.from(now.minus(notice)))
                    .query()
                    .listOfRows();
            if (!due.isEmpty()) {
                List<Long> ids = due.stream()
                        .map(r -> ((Number) r.get("id")).longValue())
                        .toList();
                returned += inChunks(
                        "UPDATE customer SET owner_id = NULL, pool_notice_at = NULL, updated_at = :now,"
                                + " version = version + 1 WHERE id IN (:ids) AND owner_id IS NOT NULL",
                        ids,
                        now);
                for (Map<String, Object> row : due) {
                    events.publishEvent(new TimelineEntryPublished(
                            ((Number) row.get("id")).longValue(),
                            "OWNER",
                            now,
                            "RETURNED_TO_POOL_IDLE",
                            rule.getValue().toDays() + " d",
                            "customer",
                            "pool-sweep:" + row.get("id") + ":" + now.getEpochSecond(),
                            null));
                }
                byOwner(due).forEach((owner, customers) -> {
                    audit.record(
                            "CUSTOMERS_RETURNED_TO_POOL", "user", owner, customers.size() + " customers: " + customers);
                    events.publishEvent(new CustomersReturnedToPool(owner, customers, now));
                });
            }
            // the notice: the return is less than the notice period away and the owner was not told yet
            List<Map<String, Object>> soon = jdbc.sql("SELECT id, owner_id FROM customer WHERE kind = ?"
                            + " AND owner_id IS NOT NULL AND merged_into IS NULL AND pool_notice_at IS NULL"
                            + " AND COALESCE(last_follow_up_at, created_at) <= ?")
                    .params(kind, noticeBy)
                    .query()
                    .listOfRows();
            if (!soon.isEmpty()) {
                noticed += inChunks(
                        "UPDATE customer SET pool_notice_at = :now WHERE id IN (:ids)",
                        soon.stream()
                                .map(r -> ((Number) r.get("id")).longValue())
                                .toList(),
                        now);
                byOwner(soon)
                        .forEach((owner, customers) ->
                                events.publishEvent(new PoolReturnNoticed(owner, customers, now.plus(notice))));
            }
        }
        return new Sweep(noticed, returned);
    }

    /** Customers the owner was told will return to the pool, with the day they will. */
    @Transactional(readOnly = true)
    public List<Returning> returning(long ownerId) {
        Duration notice = properties.pool().noticeBefore();
        return jdbc.sql("SELECT id, display_name, pool_notice_at FROM customer WHERE owner_id = ?"
                        + " AND pool_notice_at IS NOT NULL AND merged_into IS NULL ORDER BY pool_notice_at, id")
                .param(ownerId)
                .query((rs, n) -> new Returning(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getTimestamp(3).toInstant().plus(notice)))
                .list();
    }

    /** A customer of the owner that goes back to the pool unless someone follows up before {@code returnsAt}. */
    public record Returning(long customerId, String displayName, Instant returnsAt) {}

    /** Runs an update over many ids, a few thousand at a time (a statement takes at most 32,767 parameters). */
    private int inChunks(String sql, List<Long> ids, Instant now) {
        int updated = 0;
        for (int from = 0; from < ids.size(); from += ID_CHUNK) {
            updated += jdbc.sql(sql)
                    .param("now", Timestamp.from(now))
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + ID_CHUNK)))
                    .update();
        }
        return updated;
    }

    private static Map<Long, List<Long>> byOwner(List<Map<String, Object>> rows) {
        Map<Long, List<Long>> byOwner = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            byOwner.computeIfAbsent(((Number) row.get("owner_id")).longValue(), o -> new ArrayList<>())
                    .add(((Number) row.get("id")).longValue());
        }
        return byOwner;
    }
}
