package io.guanxi.loyalty.domain.care;

import io.guanxi.customer.CustomerScope;
import io.guanxi.customer.PersonalDataHolder;
import io.guanxi.identity.ScopeFilter;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.PageResult;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The send log. {@link #claim} inserts the row for (customer, occasion, due day) unless it exists,
 * and {@link #reclaim} takes a FAILED row back for another attempt only while it is still FAILED:
 * either way one caller alone wins the row and sends, so reruns and a second instance never send
 * twice. The log keeps the address only masked (w***@example.com); it still holds personal data
 * (texts with names, a provider's reason), so it takes part in subject exports and erasure, and
 * a user sees only the messages to customers inside their data scope.
 */
@Repository
public class CareMessages implements PersonalDataHolder {

    public static final Map<String, String> SORT = Map.of("createdAt", "created_at", "dueOn", "due_on");
    private static final String COLUMNS = "id, customer_id, moment, occasion, due_on, channel, recipient, subject,"
            + " status, reason, attempts, created_at, attempted_at, sent_at";

    private final JdbcClient jdbc;

    CareMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The new row's id, or empty when the moment was already claimed (sent, skipped or in progress). */
    public Optional<Long> claim(
            long customerId, CareMoment moment, String occasion, LocalDate dueOn, String channel, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        int rows = jdbc.sql("INSERT INTO care_message (customer_id, moment, occasion, due_on, channel, status,"
                        + " created_at, attempted_at) VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?) ON CONFLICT DO NOTHING")
                .params(
                        customerId,
                        moment.name(),
                        occasion,
                        Date.valueOf(dueOn),
                        channel,
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update(key, "id");
        if (rows == 0) {
            return Optional.empty();
        }
        return Optional.of(key.getKeyAs(Number.class).longValue());
    }

    /**
     * Takes a FAILED message back for another attempt at {@code now}: true for the one caller whose
     * conditional update found it still FAILED, last tried before {@code triedBefore} and with fewer
     * than {@code maxAttempts} attempts (the row is then PENDING and its attempts counted), false for
     * everyone else.
     */
    public boolean reclaim(long id, int maxAttempts, Instant triedBefore, Instant now) {
        return jdbc.sql("UPDATE care_message SET status = 'PENDING', attempts = attempts + 1, attempted_at = ?"
                                + " WHERE id = ? AND status = 'FAILED' AND attempts < ? AND attempted_at < ?")
                        .params(Timestamp.from(now), id, maxAttempts, Timestamp.from(triedBefore))
                        .update()
                == 1;
    }

    /** A failed message that may be tried again, with the text it was to carry. */
    public record Failed(
            long id,
            long customerId,
            CareMoment moment,
            LocalDate dueOn,
            String channel,
            String subject,
            String body) {}

    /**
     * FAILED messages due on {@code from} or later, last tried before {@code triedBefore}, with fewer
     * than {@code maxAttempts} attempts, oldest first.
     */
    public List<Failed> failedSince(LocalDate from, Instant triedBefore, int maxAttempts, int limit) {
        return jdbc.sql("SELECT id, customer_id, moment, due_on, channel, subject, body FROM care_message"
                        + " WHERE status = 'FAILED' AND due_on >= ? AND attempted_at < ? AND attempts < ?"
                        + " AND body IS NOT NULL ORDER BY id LIMIT ?")
                .params(Date.valueOf(from), Timestamp.from(triedBefore), maxAttempts, limit)
                .query((rs, n) -> new Failed(
                        rs.getLong("id"),
                        rs.getLong("customer_id"),
                        CareMoment.valueOf(rs.getString("moment")),
                        rs.getDate("due_on").toLocalDate(),
                        rs.getString("channel"),
                        rs.getString("subject"),
                        rs.getString("body")))
                .list();
    }

    /** Records the outcome of an attempt; {@code recipient} is the masked address. */
    public void complete(
            long id, String recipient, String subject, String body, String status, String reason, Instant sentAt) {
        jdbc.sql("UPDATE care_message SET recipient = ?, subject = ?, body = ?, status = ?, reason = ?, sent_at = ?"
                        + " WHERE id = ?")
                .params(
                        recipient,
                        cut(subject, 300),
                        cut(body, 4000),
                        status,
                        cut(reason, 200),
                        sentAt == null ? null : Timestamp.from(sentAt),
                        id)
                .update();
    }

    /** The log of messages to customers inside {@code scope}, optionally of one status. */
    public PageResult<CareMessage> log(String status, ScopeFilter scope, PageQuery page) {
        Map<String, Object> params = new HashMap<>();
        String where = " WHERE " + CustomerScope.contains("customer_id", scope, params);
        if (status != null && !status.isBlank()) {
            where += " AND status = :status";
            params.put("status", status.strip());
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM care_message" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<CareMessage> rows = jdbc.sql(
                        "SELECT " + COLUMNS + " FROM care_message" + where + page.orderBy(SORT, "id DESC"))
                .params(params)
                .query(CareMessages::map)
                .list();
        return PageResult.of(rows, page, total);
    }

    public List<CareMessage> recent(long customerId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM care_message WHERE customer_id = ? ORDER BY created_at DESC, id DESC" + " LIMIT ?")
                .params(customerId, limit)
                .query(CareMessages::map)
                .list();
    }

    @Override
    public String section() {
        return "careMessages";
    }

    @Override
    public Object export(long customerId) {
        return jdbc.sql("SELECT " + COLUMNS + ", body FROM care_message WHERE customer_id = ? ORDER BY id")
                .param(customerId)
                .query()
                .listOfRows();
    }

    @Override
    public void erase(long customerId) {
        jdbc.sql("UPDATE care_message SET recipient = NULL, subject = NULL, body = NULL, reason = NULL"
                        + " WHERE customer_id = ?")
                .param(customerId)
                .update();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static CareMessage map(ResultSet rs, int n) throws SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new CareMessage(
                rs.getLong("id"),
                rs.getLong("customer_id"),
                CareMoment.valueOf(rs.getString("moment")),
                rs.getString("occasion"),
                rs.getDate("due_on").toLocalDate(),
                rs.getString("channel"),
                rs.getString("recipient"),
                rs.getString("subject"),
                rs.getString("status"),
                rs.getString("reason"),
                rs.getInt("attempts"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("attempted_at").toInstant(),
                sent == null ? null : sent.toInstant());
    }
}
