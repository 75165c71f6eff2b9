package io.guanxi.imports.domain;

import io.guanxi.imports.ImportBatchResult;
import io.guanxi.imports.RowIssue;
import io.guanxi.shared.crypto.FieldCipher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Import jobs, their per-row reports and saved mappings. */
@Repository
public class ImportJobRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<List<String>>> ROWS = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, String>> COLUMNS = new TypeReference<>() {};

    /** The preview rows of a file hold personal data: stored encrypted, like the file itself. */
    static final String SAMPLE = "import_job.sample";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;
    private final FieldCipher cipher;

    ImportJobRepository(JdbcClient jdbc, JdbcTemplate template, JsonMapper json, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
        this.cipher = cipher;
    }

    long create(String recordType, String fileName, String source, long createdBy, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO import_job (record_type, file_name, format, source, state, created_by, created_at)"
                        + " VALUES (?, ?, 'CSV', ?, 'UPLOADED', ?, ?)")
                .params(recordType, fileName, source, createdBy, Timestamp.from(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void describeFile(
            long id,
            FileFormat format,
            String encoding,
            Character delimiter,
            long size,
            List<String> headers,
            List<List<String>> sample,
            ColumnMapping guessed) {
        jdbc.sql("UPDATE import_job SET format = ?, encoding = ?, delimiter = ?, size_bytes = ?, headers = ?,"
                        + " sample = ?, mapping = ? WHERE id = ?")
                .params(
                        format.name(),
                        encoding,
                        delimiter == null ? null : delimiter.toString(),
                        size,
                        json.writeValueAsString(headers),
                        cipher.encrypt(json.writeValueAsString(sample), SAMPLE),
                        json.writeValueAsString(guessed.columns()),
                        id)
                .update();
    }

    /** Queues a run unless one is queued or running; false when the job was not in a state to run. */
    boolean queue(long id, ImportJob.Mode mode, ColumnMapping mapping, String matchKey) {
        return jdbc.sql("UPDATE import_job SET mode = ?, mapping = ?, match_key = ?, state = 'QUEUED', bytes_read = 0,"
                                + " rows_read = 0, created_count = 0, updated_count = 0, unchanged_count = 0,"
                                + " rejected_count = 0, warning_count = 0, error = NULL, started_at = NULL,"
                                + " finished_at = NULL WHERE id = ? AND committed = FALSE AND file_erased_at IS NULL"
                                + " AND state IN ('UPLOADED', 'DONE', 'FAILED')")
                        .params(mode.name(), json.writeValueAsString(mapping.columns()), matchKey, id)
                        .update()
                == 1;
    }

    /** Takes a queued job for this instance; false when another runner took it first. */
    boolean claim(long id, Instant now) {
        return jdbc.sql("UPDATE import_job SET state = 'RUNNING', started_at = ?, heartbeat_at = ?"
                                + " WHERE id = ? AND state = 'QUEUED'")
                        .params(Timestamp.from(now), Timestamp.from(now), id)
                        .update()
                == 1;
    }

    void clearIssues(long id) {
        jdbc.sql("DELETE FROM import_issue WHERE import_id = ?").param(id).update();
    }

    /**
     * Adds a batch's counts, issues and rows, and moves the reading position on, in the batch's
     * transaction (batches of several writers may commit in any order).
     */
    void progress(long id, ImportBatchResult result, long rows, long bytesRead, ColumnMapping mapping, Instant now) {
        jdbc.sql("UPDATE import_job SET created_count = created_count + ?, updated_count = updated_count + ?,"
                        + " unchanged_count = unchanged_count + ?, rejected_count = rejected_count + ?,"
                        + " warning_count = warning_count + ?, rows_read = rows_read + ?,"
                        + " bytes_read = GREATEST(bytes_read, ?), heartbeat_at = ?"
                        + " WHERE id = ?")
                .params(
                        result.created(),
                        result.updated(),
                        result.unchanged(),
                        result.rejected(),
                        result.warnings(),
                        rows,
                        bytesRead,
                        Timestamp.from(now),
                        id)
                .update();
        List<RowIssue> issues = result.issues();
        if (!issues.isEmpty()) {
            template.batchUpdate(
                    "INSERT INTO import_issue (import_id, row_number, column_name, severity, message)"
                            + " VALUES (?, ?, ?, ?, ?)",
                    issues,
                    1000,
                    (ps, issue) -> {
                        ps.setLong(1, id);
                        ps.setLong(2, issue.row());
                        ps.setString(3, issue.field() == null ? null : truncate(mapping.columnsOf(issue.field()), 255));
                        ps.setString(4, issue.severity().name());
                        ps.setString(5, truncate(issue.message(), 500));
                    });
        }
    }

    void finish(long id, boolean committed, Instant now) {
        jdbc.sql("UPDATE import_job SET state = 'DONE', committed = ?, finished_at = ?, heartbeat_at = ?,"
                        + " bytes_read = size_bytes WHERE id = ?")
                .params(committed, Timestamp.from(now), Timestamp.from(now), id)
                .update();
    }

    void fail(long id, String error, Instant now) {
        jdbc.sql("UPDATE import_job SET state = 'FAILED', error = ?, finished_at = ? WHERE id = ?")
                .params(truncate(error, 2000), Timestamp.from(now), id)
                .update();
    }

    /** A run whose instance stopped beating (it was stopped or crashed) is failed, so it can be run again. */
    boolean failIfStale(long id, Instant heartbeatBefore, Instant now) {
        return jdbc.sql("UPDATE import_job SET state = 'FAILED', error = 'The run was interrupted; run it again',"
                                + " finished_at = ? WHERE id = ? AND state IN ('QUEUED', 'RUNNING')"
                                + " AND COALESCE(heartbeat_at, created_at) < ?")
                        .params(Timestamp.from(now), id, Timestamp.from(heartbeatBefore))
                        .update()
                == 1;
    }

    Optional<ImportJob> find(long id) {
        return jdbc.sql("SELECT * FROM import_job WHERE id = ?")
                .param(id)
                .query(this::map)
                .optional();
    }

    /** The latest imports; all of them, or one user's. */
    List<ImportJob> recent(Long createdBy, int limit) {
        return jdbc.sql(
                        "SELECT * FROM import_job WHERE (:by IS NULL OR created_by = :by) ORDER BY id DESC LIMIT :limit")
                .param("by", createdBy, java.sql.Types.BIGINT)
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    /** One page of a run's report, in row order. */
    List<ReportLine> issues(long id, long offset, int limit) {
        return jdbc.sql("SELECT row_number, column_name, severity, message FROM import_issue WHERE import_id = ?"
                        + " ORDER BY row_number, id LIMIT ? OFFSET ?")
                .params(id, limit, offset)
                .query((rs, n) -> new ReportLine(
                        rs.getLong(1), rs.getString(2), RowIssue.Severity.valueOf(rs.getString(3)), rs.getString(4)))
                .list();
    }

    long issueCount(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM import_issue WHERE import_id = ?")
                .param(id)
                .query(Long.class)
                .single();
    }

    /** What a report line says instead of a message that named a person whose data was erased. */
    static final String ERASED_MESSAGE = "(removed: it named a person whose personal data was erased)";

    /**
     * Erasure: report lines whose message quotes one of the values lose the message (row, column and
     * severity stay), and previews lose the rows that hold one. The values are {@link #needles}: they
     * are compared ignoring case, spaces and dashes (a phone typed {@code 138-1234 5678} is found).
     * Answers the lines and previews changed.
     */
    int forget(List<String> needles) {
        if (needles.isEmpty()) {
            return 0;
        }
        int changed = 0;
        for (String needle : needles) {
            changed += jdbc.sql("UPDATE import_issue SET message = ?"
                            + " WHERE LOWER(REPLACE(REPLACE(message, ' ', ''), '-', '')) LIKE ? ESCAPE '\\'")
                    .params(ERASED_MESSAGE, "%" + likeEscaped(needle) + "%")
                    .update();
        }
        List<Object[]> previews = new ArrayList<>();
        jdbc.sql("SELECT id, sample FROM import_job WHERE sample IS NOT NULL").query(rs -> {
            List<List<String>> rows = json.readValue(cipher.decrypt(rs.getString(2), SAMPLE), ROWS);
            List<List<String>> kept =
                    rows.stream().filter(row -> !holdsAny(row, needles)).toList();
            if (kept.size() < rows.size()) {
                previews.add(new Object[] {cipher.encrypt(json.writeValueAsString(kept), SAMPLE), rs.getLong(1)});
            }
        });
        for (Object[] preview : previews) {
            jdbc.sql("UPDATE import_job SET sample = ? WHERE id = ?")
                    .params(preview)
                    .update();
        }
        return changed + previews.size();
    }

    /** The values to look for, as {@link #holdsAny} compares them: short ones left out (they would match anything). */
    static List<String> needles(Collection<String> values) {
        return values.stream()
                .filter(Objects::nonNull)
                .map(ImportJobRepository::comparable)
                .filter(v -> v.length() >= 4)
                .distinct()
                .toList();
    }

    /** True when the row, its cells read together (a street split over two columns), holds one of the values. */
    static boolean holdsAny(List<String> cells, List<String> needles) {
        StringBuilder row = new StringBuilder();
        for (String cell : cells) {
            if (cell != null) {
                row.append(cell);
            }
        }
        String text = comparable(row.toString());
        return needles.stream().anyMatch(text::contains);
    }

    private static String comparable(String value) {
        return value.strip().replace(" ", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** Erasure: the stored file is deleted, its preview too; the job keeps its report and counts. */
    void fileErased(long id, Instant now) {
        jdbc.sql("DELETE FROM import_file_chunk WHERE import_id = ?").param(id).update();
        jdbc.sql("UPDATE import_job SET sample = NULL, file_erased_at = ? WHERE id = ?")
                .params(Timestamp.from(now), id)
                .update();
    }

    /** The imports whose file is stored, oldest first. */
    List<ImportJob> withStoredFile() {
        return jdbc.sql("SELECT * FROM import_job j WHERE file_erased_at IS NULL"
                        + " AND EXISTS (SELECT 1 FROM import_file_chunk c WHERE c.import_id = j.id) ORDER BY id")
                .query(this::map)
                .list();
    }

    private static String likeEscaped(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** One line of a report: the row, the file's column(s), error or warning, and what is wrong. */
    public record ReportLine(long row, String column, RowIssue.Severity severity, String message) {}

    // Saved mappings

    /** A mapping saved under a name, for files of the same layout. */
    public record SavedMapping(long id, String recordType, String name, ColumnMapping mapping, String matchKey) {}

    void saveMapping(String recordType, String name, ColumnMapping mapping, String matchKey, long by, Instant now) {
        String columns = json.writeValueAsString(mapping.columns());
        int updated = jdbc.sql(
                        "UPDATE import_mapping SET mapping = ?, match_key = ? WHERE record_type = ? AND name = ?")
                .params(columns, matchKey, recordType, name)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO import_mapping (record_type, name, mapping, match_key, created_by, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")
                    .params(recordType, name, columns, matchKey, by, Timestamp.from(now))
                    .update();
        }
    }

    List<SavedMapping> mappings(String recordType) {
        return jdbc.sql("SELECT * FROM import_mapping WHERE record_type = ? ORDER BY name")
                .param(recordType)
                .query(this::mapSaved)
                .list();
    }

    Optional<SavedMapping> mapping(String recordType, String name) {
        return jdbc.sql("SELECT * FROM import_mapping WHERE record_type = ? AND name = ?")
                .params(recordType, name)
                .query(this::mapSaved)
                .optional();
    }

    private SavedMapping mapSaved(ResultSet rs, int n) throws SQLException {
        return new SavedMapping(
                rs.getLong("id"),
                rs.getString("record_type"),
                rs.getString("name"),
                new ColumnMapping(json.readValue(rs.getString("mapping"), COLUMNS)),
                rs.getString("match_key"));
    }

    private ImportJob map(ResultSet rs, int n) throws SQLException {
        String headers = rs.getString("headers");
        String sample = cipher.decrypt(rs.getString("sample"), SAMPLE);
        String mapping = rs.getString("mapping");
        String mode = rs.getString("mode");
        String delimiter = rs.getString("delimiter");
        return new ImportJob(
                rs.getLong("id"),
                rs.getString("record_type"),
                rs.getString("file_name"),
                FileFormat.valueOf(rs.getString("format")),
                rs.getString("encoding"),
                delimiter == null || delimiter.isEmpty() ? null : delimiter.charAt(0),
                rs.getLong("size_bytes"),
                headers == null ? List.of() : json.readValue(headers, STRINGS),
                sample == null ? List.of() : json.readValue(sample, ROWS),
                new ColumnMapping(mapping == null ? Map.of() : json.readValue(mapping, COLUMNS)),
                rs.getString("match_key"),
                rs.getString("source"),
                mode == null ? null : ImportJob.Mode.valueOf(mode),
                ImportJob.State.valueOf(rs.getString("state")),
                rs.getBoolean("committed"),
                rs.getLong("bytes_read"),
                rs.getLong("rows_read"),
                rs.getLong("created_count"),
                rs.getLong("updated_count"),
                rs.getLong("unchanged_count"),
                rs.getLong("rejected_count"),
                rs.getLong("warning_count"),
                rs.getString("error"),
                rs.getLong("created_by"),
                instant(rs, "created_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                instant(rs, "heartbeat_at"),
                instant(rs, "file_erased_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
