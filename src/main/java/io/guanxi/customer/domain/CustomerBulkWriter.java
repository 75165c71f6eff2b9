package io.guanxi.customer.domain;

import io.guanxi.customer.CustomerView;
import io.guanxi.customer.DatedCustomer;
import io.guanxi.customer.ExternalId;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
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
    private static final int FLUSH_CHARS = 256 * 1024;
    private static final String COLUMNS = "party_type, kind, display_name, family_name, given_name, gender,"
            + " birthday, phone, email, province, city, district, street, postcode, id_number, source_channel,"
            + " store_id, owner_id, created_at, updated_at, name_search, name_pinyin, name_initials, version";

    private final DataSource dataSource;

    CustomerBulkWriter(DataSource dataSource) {
        this.dataSource = dataSource;
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
            if (postgres && total >= ANALYZE_AFTER) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ANALYZE customer"); // fresh statistics, or the planner ignores the new indexes
                }
            }
            return total;
        } catch (SQLException e) {
            throw new IllegalStateException("Bulk write of customers failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Takes ids from the table's sequence, then streams the rows into one COPY, so PostgreSQL
     * parses and writes while this thread normalises the next rows.
     */
    private long copy(Connection connection, CopyManager copy, List<DatedCustomer> chunk) throws SQLException {
        long[] ids = new long[chunk.size()];
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT nextval(pg_get_serial_sequence('customer', 'id'))"
                        + " FROM generate_series(1, " + chunk.size() + ")")) {
            for (int i = 0; rs.next(); i++) {
                ids[i] = rs.getLong(1);
            }
        }
        StringBuilder externalIds = new StringBuilder();
        CopyIn in = copy.copyIn("COPY customer (id, " + COLUMNS + ") FROM STDIN (FORMAT csv)");
        long written;
        try {
            StringBuilder csv = new StringBuilder(FLUSH_CHARS + 1024);
            for (int i = 0; i < chunk.size(); i++) {
                DatedCustomer row = chunk.get(i);
                csv.append(ids[i]).append(',');
                appendCsv(csv, Customer.register(row.details(), row.createdAt()).view());
                if (row.externalId() != null) {
                    field(externalIds, row.externalId().source());
                    field(externalIds, row.externalId().id());
                    externalIds.append(ids[i]).append('\n');
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
        if (!externalIds.isEmpty()) {
            CopyIn external =
                    copy.copyIn("COPY customer_external_id (source, external_id, customer_id) FROM STDIN (FORMAT csv)");
            send(external, externalIds);
            external.endCopy();
        }
        return written;
    }

    private static void send(CopyIn in, StringBuilder csv) throws SQLException {
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        csv.setLength(0);
    }

    private static void appendCsv(StringBuilder out, CustomerView c) {
        field(out, c.partyType().name());
        field(out, c.kind().name());
        field(out, c.displayName());
        field(out, c.familyName());
        field(out, c.givenName());
        field(out, c.gender() == null ? null : c.gender().name());
        field(out, c.birthday() == null ? null : c.birthday().toString());
        field(out, c.phone());
        field(out, c.email());
        field(out, c.province());
        field(out, c.city());
        field(out, c.district());
        field(out, c.street());
        field(out, c.postcode());
        field(out, c.idNumber());
        field(out, c.sourceChannel() == null ? null : c.sourceChannel().name());
        field(out, c.storeId() == null ? null : c.storeId().toString());
        field(out, c.ownerId() == null ? null : c.ownerId().toString());
        field(out, c.createdAt().toString());
        field(out, c.updatedAt().toString());
        NameKeys names = NameKeys.of(c.displayName());
        field(out, names.search());
        field(out, names.pinyin());
        field(out, names.initials());
        out.append("0\n");
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
                "INSERT INTO customer (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)",
                new String[] {"id"})) {
            for (DatedCustomer row : chunk) {
                CustomerView c =
                        Customer.register(row.details(), row.createdAt()).view();
                insert.setString(1, c.partyType().name());
                insert.setString(2, c.kind().name());
                insert.setString(3, c.displayName());
                insert.setString(4, c.familyName());
                insert.setString(5, c.givenName());
                insert.setString(6, c.gender() == null ? null : c.gender().name());
                insert.setDate(7, c.birthday() == null ? null : Date.valueOf(c.birthday()));
                insert.setString(8, c.phone());
                insert.setString(9, c.email());
                insert.setString(10, c.province());
                insert.setString(11, c.city());
                insert.setString(12, c.district());
                insert.setString(13, c.street());
                insert.setString(14, c.postcode());
                insert.setString(15, c.idNumber());
                insert.setString(
                        16, c.sourceChannel() == null ? null : c.sourceChannel().name());
                insert.setObject(17, c.storeId());
                insert.setObject(18, c.ownerId());
                insert.setTimestamp(19, Timestamp.from(c.createdAt()));
                insert.setTimestamp(20, Timestamp.from(c.updatedAt()));
                NameKeys names = NameKeys.of(c.displayName());
                insert.setString(21, names.search());
                insert.setString(22, names.pinyin());
                insert.setString(23, names.initials());
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
