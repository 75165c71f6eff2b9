package io.guanxi.customer.domain.timeline;

import io.guanxi.customer.TimelineEntryPublished;
import io.guanxi.shared.persistence.BulkRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Writes many timeline entries at once (order imports, history loads): on PostgreSQL one streamed
 * {@code COPY} into a temporary table and one set-based insert from it, which skips entries already
 * there (same source key), follows merges to the survivor and drops entries for unknown customers;
 * elsewhere JDBC batches of the same insert. Runs inside the caller's transaction.
 */
@Component
class TimelineBulkWriter {

    private static final int CHUNK = 10_000;
    private static final int ANALYZE_AFTER = 10_000;

    private final DataSource dataSource;
    private final TimelineStore store;
    private final Clock clock;

    TimelineBulkWriter(DataSource dataSource, TimelineStore store, Clock clock) {
        this.dataSource = dataSource;
        this.store = store;
        this.clock = clock;
    }

    /** Returns how many entries were written (without the ones that were already there). */
    long write(Iterator<TimelineEntryPublished> entries) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return connection.isWrapperFor(PGConnection.class) ? copy(connection, entries) : batch(connection, entries);
        } catch (SQLException e) {
            throw new IllegalStateException("Bulk write of timeline entries failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private long copy(Connection connection, Iterator<TimelineEntryPublished> entries) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE IF NOT EXISTS timeline_load (customer_id BIGINT,"
                    + " origin_customer_id BIGINT, type VARCHAR(32), occurred_at TIMESTAMP WITH TIME ZONE,"
                    + " title VARCHAR(200), detail VARCHAR(2000), source_module VARCHAR(40), source_ref VARCHAR(200),"
                    + " actor VARCHAR(64)) ON COMMIT DROP");
            statement.execute("TRUNCATE timeline_load");
        }
        long loaded = stream(connection, entries);
        try (Statement statement = connection.createStatement()) {
            // Entries for merged customers show on the survivor (merges of merges take a round each).
            while (statement.executeUpdate("UPDATE timeline_load l SET customer_id = c.merged_into FROM customer c"
                            + " WHERE c.id = l.customer_id AND c.merged_into IS NOT NULL")
                    > 0) {
                // next round
            }
            String insert = "INSERT INTO customer_timeline_entry (customer_id, origin_customer_id, type, occurred_at,"
                    + " title, detail, source_module, source_ref, actor, recorded_at)"
                    + " SELECT l.customer_id, l.origin_customer_id, l.type, l.occurred_at, l.title, l.detail,"
                    + " l.source_module, l.source_ref, l.actor, ? FROM timeline_load l"
                    + " JOIN customer c ON c.id = l.customer_id";
            long written = insertNew(connection, insert);
            statement.execute("TRUNCATE timeline_load");
            if (loaded >= ANALYZE_AFTER) {
                statement.execute("ANALYZE customer_timeline_entry");
            }
            return written;
        }
    }

    /**
     * Inserts the loaded entries that are not there yet. Those already there are left out by a
     * lookup, which costs a fifth less per row than ON CONFLICT's speculative insertion; when the
     * unique key refuses the statement all the same (the batch held an entry twice, or someone wrote
     * one meanwhile) it is undone to a savepoint and run with ON CONFLICT DO NOTHING.
     */
    private long insertNew(Connection connection, String insert) throws SQLException {
        String onConflict = insert + " ON CONFLICT DO NOTHING";
        if (connection.getAutoCommit()) {
            return run(connection, onConflict);
        }
        java.sql.Savepoint before = connection.setSavepoint();
        try {
            long written = run(
                    connection,
                    insert + " WHERE NOT EXISTS (SELECT 1 FROM customer_timeline_entry e"
                            + " WHERE e.source_module = l.source_module AND e.source_ref = l.source_ref)");
            connection.releaseSavepoint(before);
            return written;
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(before);
            return run(connection, onConflict);
        }
    }

    private long run(Connection connection, String sql) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, java.sql.Timestamp.from(clock.instant()));
            return insert.executeLargeUpdate();
        }
    }

    /** Streams the entries into the load table; returns how many were sent. */
    private static long stream(Connection connection, Iterator<TimelineEntryPublished> entries) throws SQLException {
        return BulkRows.stream(connection, "COPY timeline_load FROM STDIN (FORMAT csv)", entries, (csv, entry) -> {
            TimelineRow row = TimelineRow.of(entry);
            csv.append(entry.customerId())
                    .append(',')
                    .append(entry.customerId())
                    .append(',');
            for (String cell : new String[] {
                row.type(), row.occurredAt().toString(), row.title(), row.detail(), row.sourceModule(), row.sourceRef()
            }) {
                BulkRows.cell(csv, cell);
                csv.append(',');
            }
            BulkRows.cell(csv, row.actor());
        });
    }

    /** Elsewhere: JDBC batches of the insert that skips existing entries, merges followed in Java. */
    private long batch(Connection connection, Iterator<TimelineEntryPublished> entries) throws SQLException {
        Map<Long, Optional<Long>> survivors = new HashMap<>();
        Instant now = clock.instant();
        long written = 0;
        try (PreparedStatement insert = connection.prepareStatement(TimelineStore.INSERT)) {
            List<Object[]> chunk = new ArrayList<>(CHUNK);
            while (entries.hasNext()) {
                TimelineEntryPublished entry = entries.next();
                Optional<Long> survivor = survivors.computeIfAbsent(entry.customerId(), store::survivorOf);
                if (survivor.isPresent()) {
                    chunk.add(TimelineRow.of(entry).values(survivor.get(), entry.customerId(), now));
                }
                if (chunk.size() == CHUNK || !entries.hasNext()) {
                    written += flush(insert, chunk);
                }
            }
        }
        return written;
    }

    private static long flush(PreparedStatement insert, List<Object[]> chunk) throws SQLException {
        if (chunk.isEmpty()) {
            return 0;
        }
        for (Object[] values : chunk) {
            for (int i = 0; i < values.length; i++) {
                insert.setObject(i + 1, values[i]);
            }
            insert.addBatch();
        }
        long written = 0;
        for (int count : insert.executeBatch()) {
            written += Math.max(count, 0);
        }
        chunk.clear();
        return written;
    }
}
