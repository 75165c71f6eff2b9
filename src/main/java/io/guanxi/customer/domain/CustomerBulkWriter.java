package io.guanxi.customer.domain;

import io.guanxi.customer.CustomerView;
import io.guanxi.customer.DatedCustomer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Iterator;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Writes many customers at once through the database's bulk path: {@code COPY} on PostgreSQL, JDBC
 * batches elsewhere. Rows go through the same {@link Customer#register} normalisation as single
 * writes. Runs inside the caller's transaction.
 */
@Component
public class CustomerBulkWriter {

    private static final int FLUSH_CHARS = 256 * 1024;
    private static final String INSERT_COLUMNS = "party_type, kind, display_name, family_name, given_name, gender,"
            + " birthday, phone, email, province, city, district, street, source_channel, store_id, owner_id,"
            + " created_at, updated_at, version";

    private final DataSource dataSource;

    CustomerBulkWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long write(Iterator<DatedCustomer> rows) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (connection.isWrapperFor(PGConnection.class)) {
                return copy(connection.unwrap(PGConnection.class).getCopyAPI(), rows);
            }
            return batch(connection, rows);
        } catch (SQLException e) {
            throw new IllegalStateException("Bulk write of customers failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Streams CSV into one COPY: rows are sent as they are produced, so PostgreSQL parses and
     * writes while this thread normalises the next rows.
     */
    private long copy(CopyManager copy, Iterator<DatedCustomer> rows) throws SQLException {
        CopyIn in = copy.copyIn("COPY customer (" + INSERT_COLUMNS + ") FROM STDIN (FORMAT csv)");
        try {
            StringBuilder csv = new StringBuilder(FLUSH_CHARS + 1024);
            while (rows.hasNext()) {
                DatedCustomer row = rows.next();
                appendCsv(csv, Customer.register(row.details(), row.createdAt()).view());
                if (csv.length() >= FLUSH_CHARS) {
                    send(in, csv);
                }
            }
            send(in, csv);
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
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
        field(out, c.sourceChannel() == null ? null : c.sourceChannel().name());
        field(out, c.storeId() == null ? null : c.storeId().toString());
        field(out, c.ownerId() == null ? null : c.ownerId().toString());
        field(out, c.createdAt().toString());
        field(out, c.updatedAt().toString());
        out.append("0\n");
    }

    /** CSV field: empty (unquoted) is NULL; values are quoted with doubled quotes. */
    private static void field(StringBuilder out, String value) {
        if (value != null) {
            out.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
        out.append(',');
    }

    private long batch(Connection connection, Iterator<DatedCustomer> rows) throws SQLException {
        long total = 0;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO customer (" + INSERT_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)")) {
            int inBatch = 0;
            while (rows.hasNext()) {
                DatedCustomer row = rows.next();
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
                insert.setString(
                        14, c.sourceChannel() == null ? null : c.sourceChannel().name());
                insert.setObject(15, c.storeId());
                insert.setObject(16, c.ownerId());
                insert.setTimestamp(17, Timestamp.from(c.createdAt()));
                insert.setTimestamp(18, Timestamp.from(c.updatedAt()));
                insert.addBatch();
                if (++inBatch == 1000) {
                    insert.executeBatch();
                    total += inBatch;
                    inBatch = 0;
                }
            }
            if (inBatch > 0) {
                insert.executeBatch();
                total += inBatch;
            }
        }
        return total;
    }
}
