package io.guanxi.customer.domain.duplicates;

import io.guanxi.customer.domain.PersonalData;
import io.guanxi.customer.domain.PersonalData.Field;
import io.guanxi.identity.ScopeFilter;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.PageResult;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Duplicate scans and the candidate pairs they leave for review. */
@Repository
public class DuplicateStore {

    public static final Map<String, String> SORT_COLUMNS = Map.of("score", "d.score", "id", "d.id");

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final PersonalData personal;

    DuplicateStore(JdbcClient jdbc, JdbcTemplate template, PersonalData personal) {
        this.jdbc = jdbc;
        this.template = template;
        this.personal = personal;
    }

    /** A scan and how far it got. */
    public record Scan(
            long id,
            String status,
            String requestedBy,
            Instant startedAt,
            Instant finishedAt,
            Long customers,
            Long pairsCompared,
            Long candidates,
            String error) {}

    /** One customer of a candidate pair, as the review queue shows it. */
    public record Side(long id, String displayName, String phone, String city, List<String> externalIds) {}

    /** A candidate pair in the queue. */
    public record Pair(long id, Side left, Side right, double score, String band, String status) {}

    public long startScan(String requestedBy, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO duplicate_scan (status, requested_by, started_at) VALUES ('RUNNING', ?, ?)")
                .params(requestedBy, Timestamp.from(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Marks scans that have been running for too long as failed (their instance stopped). */
    public int abandonStale(Instant startedBefore, Instant now) {
        return jdbc.sql("UPDATE duplicate_scan SET status = 'FAILED', finished_at = ?, error = 'abandoned: the instance"
                        + " running it stopped' WHERE status = 'RUNNING' AND started_at < ?")
                .params(Timestamp.from(now), Timestamp.from(startedBefore))
                .update();
    }

    public boolean anyRunning() {
        return jdbc.sql("SELECT COUNT(*) FROM duplicate_scan WHERE status = 'RUNNING'")
                        .query(Long.class)
                        .single()
                > 0;
    }

    public void finishScan(long id, long customers, long compared, long candidates, Instant now) {
        jdbc.sql("UPDATE duplicate_scan SET status = 'DONE', finished_at = ?, customers = ?, pairs_compared = ?,"
                        + " candidates = ? WHERE id = ?")
                .params(Timestamp.from(now), customers, compared, candidates, id)
                .update();
    }

    public void failScan(long id, String error, Instant now) {
        jdbc.sql("UPDATE duplicate_scan SET status = 'FAILED', finished_at = ?, error = ? WHERE id = ?")
                .params(Timestamp.from(now), error.length() > 500 ? error.substring(0, 500) : error, id)
                .update();
    }

    public Optional<Scan> latestScan() {
        return jdbc.sql("SELECT MAX(id) FROM duplicate_scan")
                .query(Long.class)
                .optional()
                .flatMap(this::scan);
    }

    public Optional<Scan> scan(long id) {
        return jdbc.sql("SELECT id, status, requested_by, started_at, finished_at, customers, pairs_compared,"
                        + " candidates, error FROM duplicate_scan WHERE id = ?")
                .param(id)
                .query((rs, i) -> new Scan(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(),
                        rs.getObject(6, Long.class),
                        rs.getObject(7, Long.class),
                        rs.getObject(8, Long.class),
                        rs.getString(9)))
                .optional();
    }

    /**
     * Replaces the open candidates with a scan's findings. Pairs a person already decided on
     * (merged or dismissed) stay decided and are not proposed again.
     */
    public void replaceOpenCandidates(long scanId, List<DuplicateFinder.Candidate> candidates) {
        jdbc.sql("DELETE FROM duplicate_candidate WHERE status = 'OPEN'").update();
        List<Object[]> rows = new ArrayList<>(candidates.size());
        for (DuplicateFinder.Candidate c : candidates) {
            rows.add(new Object[] {
                scanId,
                c.left(),
                c.right(),
                Math.round(c.score() * 10_000) / 10_000.0,
                c.band().name(),
                c.left(),
                c.right()
            });
        }
        template.batchUpdate(
                "INSERT INTO duplicate_candidate (scan_id, left_id, right_id, score, band, status)"
                        + " SELECT ?, ?, ?, ?, ?, 'OPEN' WHERE NOT EXISTS (SELECT 1 FROM duplicate_candidate"
                        + " WHERE left_id = ? AND right_id = ?)",
                rows);
    }

    public Optional<CandidateRow> candidate(long id) {
        return jdbc.sql("SELECT id, left_id, right_id, status FROM duplicate_candidate WHERE id = ?")
                .param(id)
                .query((rs, i) -> new CandidateRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4)))
                .optional();
    }

    /** A candidate pair's ids and state. */
    public record CandidateRow(long id, long leftId, long rightId, String status) {}

    public void decide(long candidateId, String status, String by, Instant now) {
        jdbc.sql("UPDATE duplicate_candidate SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?")
                .params(status, by, Timestamp.from(now), candidateId)
                .update();
    }

    /** After a merge, open pairs involving the merged record no longer mean anything. */
    public void dropOpenPairsOf(long customerId) {
        jdbc.sql("DELETE FROM duplicate_candidate WHERE status = 'OPEN' AND (left_id = ? OR right_id = ?)")
                .params(customerId, customerId)
                .update();
    }

    /**
     * Reads every customer's matching fields, in id order, without holding the rows twice. The
     * encrypted fields are decrypted here: scoring compares them loosely (typos, transpositions),
     * which their exact-match hashes cannot do.
     */
    public void forEachCustomer(Consumer<MatchRecord> consumer) {
        jdbc.sql("SELECT id, given_name, family_name, display_name, birthday, id_number, phone, email, street,"
                        + " district, city, postcode, province FROM customer WHERE merged_into IS NULL ORDER BY id")
                .withFetchSize(5_000)
                .query(rs -> {
                    java.sql.Date birthday = rs.getDate(5);
                    consumer.accept(MatchRecord.of(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            birthday == null ? null : birthday.toLocalDate(),
                            personal.decrypt(Field.ID_NUMBER, rs.getString(6)),
                            personal.decrypt(Field.PHONE, rs.getString(7)),
                            personal.decrypt(Field.EMAIL, rs.getString(8)),
                            personal.decrypt(Field.STREET, rs.getString(9)),
                            rs.getString(10),
                            rs.getString(11),
                            rs.getString(12),
                            rs.getString(13)));
                });
    }

    /** Open candidate pairs whose two customers are both inside the caller's scope. */
    public PageResult<Pair> queue(ScopeFilter scope, String band, String status, String name, PageQuery page) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(" WHERE ")
                .append(scope.where("l.owner_id", "l.store_id", params))
                .append(" AND ")
                .append(scope.where("r.owner_id", "r.store_id", params));
        if (band != null) {
            where.append(" AND d.band = :band");
            params.put("band", band);
        }
        if (name != null && !name.isBlank()) {
            where.append(" AND (LOWER(l.display_name) LIKE :name OR LOWER(r.display_name) LIKE :name)");
            params.put("name", "%" + name.strip().toLowerCase() + "%");
        }
        where.append(" AND d.status = :status");
        params.put("status", status);
        String from =
                " FROM duplicate_candidate d JOIN customer l ON l.id = d.left_id JOIN customer r ON r.id = d.right_id";
        long total = jdbc.sql("SELECT COUNT(*)" + from + where)
                .params(params)
                .query(Long.class)
                .single();
        List<Map<String, Object>> rows = jdbc.sql(
                        "SELECT d.id, d.score, d.band, d.status, l.id AS lid, l.display_name AS lname,"
                                + " l.phone AS lphone, l.city AS lcity, r.id AS rid, r.display_name AS rname, r.phone AS rphone,"
                                + " r.city AS rcity" + from + where + page.orderBy(SORT_COLUMNS, "d.id"))
                .params(params)
                .query()
                .listOfRows();
        List<Long> customerIds = new ArrayList<>();
        rows.forEach(row -> {
            customerIds.add(((Number) row.get("lid")).longValue());
            customerIds.add(((Number) row.get("rid")).longValue());
        });
        Map<Long, List<String>> external = externalIds(customerIds);
        List<Pair> pairs = rows.stream()
                .map(row -> new Pair(
                        ((Number) row.get("id")).longValue(),
                        side(row, "l", external),
                        side(row, "r", external),
                        ((Number) row.get("score")).doubleValue(),
                        (String) row.get("band"),
                        (String) row.get("status")))
                .toList();
        return PageResult.of(pairs, page, total);
    }

    private Side side(Map<String, Object> row, String prefix, Map<Long, List<String>> external) {
        long id = ((Number) row.get(prefix + "id")).longValue();
        return new Side(
                id,
                (String) row.get(prefix + "name"),
                personal.decrypt(Field.PHONE, (String) row.get(prefix + "phone")),
                (String) row.get(prefix + "city"),
                external.getOrDefault(id, List.of()));
    }

    private Map<Long, List<String>> externalIds(List<Long> customerIds) {
        Map<Long, List<String>> result = new HashMap<>();
        if (customerIds.isEmpty()) {
            return result;
        }
        jdbc.sql("SELECT customer_id, source, external_id FROM customer_external_id WHERE customer_id IN (:ids)"
                        + " ORDER BY source, external_id")
                .param("ids", customerIds)
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(rs.getString(2) + ":" + rs.getString(3));
                });
        return result;
    }
}
