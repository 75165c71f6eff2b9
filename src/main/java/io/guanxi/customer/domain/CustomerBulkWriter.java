package io.guanxi.customer.domain;

import io.guanxi.customer.DatedCustomer;
import io.guanxi.customer.ExternalId;
import io.guanxi.shared.persistence.BulkRows;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Writes many customers at once through the database's bulk path: {@code COPY} on PostgreSQL, JDBC
 * batches elsewhere. Rows go through the same {@link Customer#register} normalisation as single
 * writes; external ids are written alongside. Runs inside the caller's transaction.
 */
@Component
public class CustomerBulkWriter {

    private static final int CHUNK = 50_000;
    private static final int ANALYZE_AFTER = 10_000;
    /**
     * Beyond this size a batch no longer changes the table's statistics enough to change a plan, and
     * PostgreSQL's autovacuum refreshes them after every tenth of the table has changed.
     */
    private static final long ANALYZE_UP_TO = 100_000;
    /** Rows written since the statistics were last refreshed, and the table's size then. */
    private final java.util.concurrent.atomic.AtomicLong sinceAnalyze = new java.util.concurrent.atomic.AtomicLong();

    private volatile long rowsAtAnalyze;
    private static final int FLUSH_CHARS = BulkRows.FLUSH_CHARS;
    private static final String COLUMNS = CustomerRow.COLUMN_LIST + ", version";

    private final DataSource dataSource;
    private final PersonalData personal;

    CustomerBulkWriter(DataSource dataSource, PersonalData personal) {
        this.dataSource = dataSource;
        this.personal = personal;
    }

    public long write(Iterator<DatedCustomer> rows) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            boolean postgres = connection.isWrapperFor(PGConnection.class);
            long total = 0;
            while (rows.hasNext()) {
                List<DatedCustomer> chunk = new ArrayList<>(CHUNK);
                while (rows.hasNext() && chunk.size() < CHUNK) {
                    chunk.add(rows.next());
                }
                total += postgres
                        ? copy(connection, connection.unwrap(PGConnection.class).getCopyAPI(), chunk)
                        : batch(connection, chunk);
            }
            if (postgres) {
                analyzeWhenGrown(connection, total);
            }
            return total;
        } catch (SQLException e) {
            throw new IllegalStateException("Bulk write of customers failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Refreshes the planner's statistics once the tables have doubled (grown by at least 10,000 rows)
     * since the last refresh, while they are small, whether in one large write or many small ones (an import writes in
     * batches): with statistics that still describe an empty table, PostgreSQL would hash whole tables
     * to look up a few thousand external ids.
     */
    private void analyzeWhenGrown(Connection connection, long written) throws SQLException {
        if (rowsAtAnalyze >= ANALYZE_UP_TO) {
            return;
        }
        long pending = sinceAnalyze.addAndGet(written);
        if (pending < Math.max(ANALYZE_AFTER, rowsAtAnalyze)) {
            return;
        }
        sinceAnalyze.set(0);
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE customer");
            statement.execute("ANALYZE customer_external_id");
            try (ResultSet rs =
                    statement.executeQuery("SELECT reltuples::bigint FROM pg_class WHERE oid = 'customer'::regclass")) {
                rowsAtAnalyze = rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /**
     * Takes ids from the table's sequence, then streams the rows into one COPY, so PostgreSQL
     * parses and writes while this thread normalises the next rows.
     */
    private long copy(Connection connection, CopyManager copy, List<DatedCustomer> chunk) throws SQLException {
        long[] ids = BulkRows.takeIds(connection, "customer", chunk.size());
        List<byte[]> externalIds = new ArrayList<>();
        StringBuilder pendingIds = new StringBuilder();
        CopyIn in = copy.copyIn("COPY customer (id, " + COLUMNS + ") FROM STDIN (FORMAT csv)");
        long written;
        try {
            StringBuilder csv = new StringBuilder(FLUSH_CHARS + 1024);
            for (int i = 0; i < chunk.size(); i++) {
                DatedCustomer row = chunk.get(i);
                csv.append(ids[i]).append(',');
                CustomerRow.appendCsv(
                        csv,
                        CustomerRow.values(
                                Customer.register(row.details(), row.createdAt())
                                        .view(),
                                personal));
                csv.append(",0\n");
                if (row.externalId() != null) {
                    field(pendingIds, row.externalId().source());
                    field(pendingIds, row.externalId().id());
                    pendingIds.append(ids[i]).append('\n');
                    if (pendingIds.length() >= FLUSH_CHARS) {
                        externalIds.add(bytes(pendingIds));
                    }
                }
                if (csv.length() >= FLUSH_CHARS) {
                    send(in, csv);
                }
            }
            send(in, csv);
            written = in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
        if (!pendingIds.isEmpty()) {
            externalIds.add(bytes(pendingIds));
        }
        if (!externalIds.isEmpty()) {
            CopyIn external =
                    copy.copyIn("COPY customer_external_id (source, external_id, customer_id) FROM STDIN (FORMAT csv)");
            try {
                for (byte[] piece : externalIds) {
                    external.writeToCopy(piece, 0, piece.length);
                }
                external.endCopy();
            } finally {
                if (external.isActive()) {
                    external.cancelCopy();
                }
            }
        }
        return written;
    }

    private static void send(CopyIn in, StringBuilder csv) throws SQLException {
        byte[] bytes = bytes(csv);
        in.writeToCopy(bytes, 0, bytes.length);
    }

    /** The text as UTF-8, emptying the builder. */
    private static byte[] bytes(StringBuilder csv) {
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        csv.setLength(0);
        return bytes;
    }

    /** CSV field: empty (unquoted) is NULL; values are quoted with doubled quotes. */
    private static void field(StringBuilder out, String value) {
        if (value != null) {
            out.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
        out.append(',');
    }

    private long batch(Connection connection, List<DatedCustomer> chunk) throws SQLException {
        List<Long> ids = new ArrayList<>(chunk.size());
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO customer (" + COLUMNS + ") VALUES (" + CustomerRow.PLACEHOLDERS + ",0)",
                new String[] {"id"})) {
            for (DatedCustomer row : chunk) {
                Object[] values = CustomerRow.values(
                        Customer.register(row.details(), row.createdAt()).view(), personal);
                for (int i = 0; i < values.length; i++) {
                    insert.setObject(i + 1, values[i]);
                }
                insert.addBatch();
            }
            insert.executeBatch();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                while (keys.next()) {
                    ids.add(keys.getLong(1));
                }
            }
        }
        try (PreparedStatement external = connection.prepareStatement(
                "INSERT INTO customer_external_id (source, external_id, customer_id) VALUES (?, ?, ?)")) {
            for (int i = 0; i < chunk.size(); i++) {
                ExternalId id = chunk.get(i).externalId();
                if (id != null) {
                    external.setString(1, id.source());
                    external.setString(2, id.id());
                    external.setLong(3, ids.get(i));
                    external.addBatch();
                }
            }
            external.executeBatch();
        }
        return chunk.size();
    }
}
