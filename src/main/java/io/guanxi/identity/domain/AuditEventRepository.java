package io.guanxi.identity.domain;

import io.guanxi.identity.AuditEntry;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.PageResult;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only audit log: inserts and reads, nothing else (the database refuses the rest). */
@Repository
public class AuditEventRepository {

    public static final Map<String, String> SORT_COLUMNS =
            Map.of("occurredAt", "occurred_at", "actor", "actor_name", "action", "action");

    private final JdbcClient jdbc;

    AuditEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void append(AuditEntry entry) {
        jdbc.sql("INSERT INTO audit_event (occurred_at, actor_id, actor_name, action, entity_type, entity_id,"
                        + " remote_addr, details) VALUES (?,?,?,?,?,?,?,?)")
                .params(
                        Timestamp.from(entry.occurredAt()),
                        entry.actorId(),
                        entry.actorName(),
                        entry.action(),
                        entry.entityType(),
                        entry.entityId(),
                        entry.remoteAddr(),
                        entry.details())
                .update();
    }

    public PageResult<AuditEntry> search(AuditFilter filter, PageQuery page) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (filter.actor() != null && !filter.actor().isBlank()) {
            where.append(" AND actor_name = :actor");
            params.put("actor", filter.actor().trim().toLowerCase());
        }
        if (filter.action() != null && !filter.action().isBlank()) {
            where.append(" AND action = :action");
            params.put("action", filter.action().trim().toUpperCase());
        }
        if (filter.entityType() != null && !filter.entityType().isBlank()) {
            where.append(" AND entity_type = :type");
            params.put("type", filter.entityType().trim());
        }
        if (filter.entityId() != null && !filter.entityId().isBlank()) {
            where.append(" AND entity_id = :eid");
            params.put("eid", filter.entityId().trim());
        }
        if (filter.from() != null) {
            where.append(" AND occurred_at >= :from");
            params.put("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" AND occurred_at < :to");
            params.put("to", Timestamp.from(filter.to()));
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM audit_event" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<AuditEntry> entries = jdbc.sql("SELECT id, occurred_at, actor_id, actor_name, action, entity_type,"
                        + " entity_id, remote_addr, details FROM audit_event" + where
                        + page.orderBy(SORT_COLUMNS, "id DESC"))
                .params(params)
                .query((rs, i) -> new AuditEntry(
                        rs.getLong("id"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getObject("actor_id", Long.class),
                        rs.getString("actor_name"),
                        rs.getString("action"),
                        rs.getString("entity_type"),
                        rs.getString("entity_id"),
                        rs.getString("remote_addr"),
                        rs.getString("details")))
                .list();
        return PageResult.of(entries, page, total);
    }

    /** Filters of the audit page and API; nulls are ignored. */
    public record AuditFilter(
            String actor, String action, String entityType, String entityId, Instant from, Instant to) {}
}
