package io.guanxi.shared.persistence;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Writes many rows into one table through the database's bulk path, in the caller's transaction:
 * {@code COPY} on PostgreSQL (in the binary format where the columns' types allow, see
 * {@link BinaryCopy}; ids taken from the table's sequence first when the caller needs them), a JDBC
 * batch elsewhere. Cells may be text, numbers, booleans, instants, dates or null, and on
 * PostgreSQL collections of those for array columns and byte arrays for {@code BYTEA}.
 */
public final class BulkRows {

    /**
     * Rows go to {@code COPY} in pieces of about this many characters: a piece of Chinese text takes
     * two bytes a character, and the piece and its UTF-8 bytes stay below half a heap region at the
     * smallest heaps (512 KiB at 512 MiB), so the collector never handles them as humongous objects
     * (each of which can start a marking cycle).
     */
    public static final int FLUSH_CHARS = 64 * 1024;

    private final DataSource dataSource;

    public BulkRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts the rows; the table's own id column is filled by the database. */
    public void insert(String table, List<String> columns, List<Object[]> rows) {
        write(table, columns, rows, false);
    }

    /** Inserts the rows and answers the id each got, in the rows' order. */
    public long[] insertReturningIds(String table, List<String> columns, List<Object[]> rows) {
        return write(table, columns, rows, true);
    }

    /**
     * On PostgreSQL, takes {@code count} ids from the table's sequence, so rows that refer to each other
     * can be written in one pass (the caller then writes {@code id} as a column); elsewhere answers
     * null and the caller uses {@link #insertReturningIds}.
     */
    public long[] reserveIds(String table, int count) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (!connection.isWrapperFor(PGConnection.class)) {
                return null;
            }
            return takeIds(connection, table, count);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take ids for " + table, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Runs one statement for many rows. On PostgreSQL {@code setSql} runs once, set-based: its
     * parameters are the rows' columns as arrays of {@code types} (e.g. {@code int8}, {@code numeric},
     * {@code timestamptz}, {@code date}, {@code varchar}), to be read with
     * {@code unnest(?::int8[], ...)}; elsewhere {@code rowSql} runs once per row as a JDBC batch.
     * Answers the number of rows the statement changed.
     */
    public int execute(String setSql, List<String> types, String rowSql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        if (!postgres()) {
            return batch(rowSql, rows);
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement statement = connection.prepareStatement(setSql)) {
            bindColumns(connection, statement, 1, types, rows);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Bulk statement failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Runs {@code rowSql} once per row as one JDBC batch; answers the number of rows changed. */
    public int batch(String rowSql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement statement = connection.prepareStatement(rowSql)) {
            for (Object[] row : rows) {
                for (int c = 0; c < row.length; c++) {
                    statement.setObject(c + 1, jdbc(row[c]));
                }
                statement.addBatch();
            }
            int changed = 0;
            for (int count : statement.executeBatch()) {
                changed += Math.max(count, 0);
            }
            return changed;
        } catch (SQLException e) {
            throw new IllegalStateException("Bulk statement failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Rows bound as one array per column, of the given PostgreSQL {@code types}. */
    public record Columns(List<String> types, List<Object[]> rows) {}

    /**
     * PostgreSQL only: runs one set-based statement whose parameters are the column arrays of each
     * group of rows in turn (as for {@link #execute}); answers the number of rows it changed.
     */
    public int execute(String setSql, List<Columns> groups) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement statement = connection.prepareStatement(setSql)) {
            int index = 1;
            for (Columns group : groups) {
                bindColumns(connection, statement, index, group.types(), group.rows());
                index += group.types().size();
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Bulk statement failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void bindColumns(
            Connection connection, PreparedStatement statement, int first, List<String> types, List<Object[]> rows)
            throws SQLException {
        for (int c = 0; c < types.size(); c++) {
            Object[] column = new Object[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                Object value = rows.get(r)[c];
                column[r] = value instanceof Instant || value instanceof LocalDate ? value.toString() : value;
            }
            statement.setArray(first + c, connection.createArrayOf(types.get(c), column));
        }
    }

    public boolean postgres() {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return connection.isWrapperFor(PGConnection.class);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private long[] write(String table, List<String> columns, List<Object[]> rows, boolean ids) {
        if (rows.isEmpty()) {
            return new long[0];
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return connection.isWrapperFor(PGConnection.class)
                    ? copy(connection, table, columns, rows, ids)
                    : batch(connection, table, columns, rows, ids);
        } catch (SQLException e) {
            throw new IllegalStateException("Bulk write into " + table + " failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Takes {@code count} ids from the sequence of {@code table}'s {@code id} column (PostgreSQL), in
     * one statement. The sequence is named once for the statement, not once per id: resolving it per
     * row made taking 20,000 ids cost 60 ms instead of 11.
     */
    public static long[] takeIds(Connection connection, String table, int count) throws SQLException {
        long[] ids = new long[count];
        if (count == 0) {
            return ids;
        }
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT nextval(s.seq) FROM (SELECT pg_get_serial_sequence('"
                        + table + "', 'id')::regclass AS seq OFFSET 0) s, generate_series(1, " + count + ")")) {
            for (int i = 0; rs.next(); i++) {
                ids[i] = rs.getLong(1);
            }
        }
        return ids;
    }

    private static long[] copy(
            Connection connection, String table, List<String> columns, List<Object[]> rows, boolean withIds)
            throws SQLException {
        long[] ids = withIds ? takeIds(connection, table, rows.size()) : null;
        List<String> named = withIds
                ? java.util.stream.Stream.concat(java.util.stream.Stream.of("id"), columns.stream())
                        .toList()
                : columns;
        BinaryCopy.Column[] types = BinaryCopy.columns(connection, table, named);
        if (types != null && BinaryCopy.fits(types, withIds ? 1 : 0, rows)) {
            BinaryCopy.write(
                    connection,
                    "COPY " + table + " (" + String.join(", ", named) + ") FROM STDIN (FORMAT binary)",
                    types,
                    ids,
                    rows);
            return ids;
        }
        stream(
                connection,
                "COPY " + table + " (" + String.join(", ", named) + ") FROM STDIN (FORMAT csv)",
                java.util.stream.IntStream.range(0, rows.size()).iterator(),
                (csv, r) -> {
                    if (withIds) {
                        csv.append(ids[r]).append(',');
                    }
                    Object[] row = rows.get(r);
                    for (int c = 0; c < row.length; c++) {
                        if (c > 0) {
                            csv.append(',');
                        }
                        cell(csv, row[c]);
                    }
                });
        return ids;
    }

    /**
     * Streams rows into a {@code COPY ... FROM STDIN (FORMAT csv)}: {@code row} writes one row's cells
     * (without the line end), the CSV goes to the server in pieces of about {@link #FLUSH_CHARS}
     * characters, and a failure cancels the copy. Returns how many rows were sent.
     */
    public static <T> long stream(
            Connection connection,
            String copy,
            java.util.Iterator<T> rows,
            java.util.function.BiConsumer<StringBuilder, T> row)
            throws SQLException {
        return copyIn(connection, copy, in -> {
            long sent = 0;
            StringBuilder csv = new StringBuilder(FLUSH_CHARS + 4096);
            while (rows.hasNext()) {
                row.accept(csv, rows.next());
                csv.append('\n');
                sent++;
                if (csv.length() >= FLUSH_CHARS) {
                    send(in, csv);
                }
            }
            send(in, csv);
            return sent;
        });
    }

    /** What goes into a {@code COPY ... FROM STDIN}: writes the data and answers how many rows it sent. */
    interface CopyData {
        long write(CopyIn in) throws SQLException;
    }

    /**
     * Runs {@code copy} (a {@code COPY ... FROM STDIN}) with the data {@code data} writes, ending it
     * when written; a failure on either side cancels it. Returns how many rows were sent.
     */
    static long copyIn(Connection connection, String copy, CopyData data) throws SQLException {
        CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
        try {
            long sent = data.write(in);
            in.endCopy();
            return sent;
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** A CSV cell: empty (unquoted) is NULL, text is quoted with doubled quotes. */
    public static void cell(StringBuilder csv, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof String s) {
            csv.append('"');
            int quote = s.indexOf('"');
            if (quote < 0) {
                csv.append(s);
            } else {
                int from = 0;
                for (; quote >= 0; quote = s.indexOf('"', from)) {
                    csv.append(s, from, quote + 1).append('"');
                    from = quote + 1;
                }
                csv.append(s, from, s.length());
            }
            csv.append('"');
        } else if (value instanceof Long l) {
            csv.append(l.longValue()); // digits straight into the buffer, no string in between
        } else if (value instanceof Integer i) {
            csv.append(i.intValue());
        } else if (value instanceof BigDecimal d) {
            csv.append(d.toPlainString());
        } else if (value instanceof Instant i) {
            instant(csv, i);
        } else if (value instanceof java.util.Collection<?> elements) {
            cell(csv, arrayLiteral(elements));
        } else if (value instanceof byte[] bytes) {
            csv.append("\\x"); // bytea's hex form
            for (byte b : bytes) {
                csv.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
        } else {
            csv.append(value); // booleans, LocalDate (ISO)
        }
    }

    /**
     * An instant as {@code 2026-03-01 08:00:00.5+00}, its digits straight into the buffer: {@code
     * Instant.toString} made a tenth of everything an order import allocated. Years outside four
     * digits are written as ISO-8601, which PostgreSQL reads too.
     */
    private static void instant(StringBuilder csv, Instant instant) {
        java.time.LocalDateTime t =
                java.time.LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (t.getYear() < 1000 || t.getYear() > 9999) {
            csv.append(instant);
            return;
        }
        csv.append(t.getYear()).append('-');
        two(csv, t.getMonthValue()).append('-');
        two(csv, t.getDayOfMonth()).append(' ');
        two(csv, t.getHour()).append(':');
        two(csv, t.getMinute()).append(':');
        two(csv, t.getSecond());
        int nano = t.getNano();
        if (nano != 0) {
            csv.append('.');
            for (int unit = 100_000_000; unit > 0 && nano != 0; unit /= 10) {
                csv.append((char) ('0' + nano / unit));
                nano %= unit;
            }
        }
        csv.append("+00");
    }

    private static StringBuilder two(StringBuilder csv, int value) {
        return csv.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /**
     * A PostgreSQL array literal of the elements (for an array column): {@code {a,b}}, text in double
     * quotes with its quotes and backslashes escaped, null as NULL.
     */
    static String arrayLiteral(java.util.Collection<?> elements) {
        StringBuilder literal = new StringBuilder("{");
        for (Object element : elements) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            if (element == null) {
                literal.append("NULL");
            } else if (element instanceof String text) {
                literal.append('"');
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == '"' || c == '\\') {
                        literal.append('\\');
                    }
                    literal.append(c);
                }
                literal.append('"');
            } else if (element instanceof BigDecimal d) {
                literal.append(d.toPlainString());
            } else {
                literal.append(element); // numbers, LocalDate (ISO)
            }
        }
        return literal.append('}').toString();
    }

    private static void send(CopyIn in, StringBuilder csv) throws SQLException {
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        csv.setLength(0);
    }

    private static long[] batch(
            Connection connection, String table, List<String> columns, List<Object[]> rows, boolean withIds)
            throws SQLException {
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
        try (PreparedStatement insert =
                withIds ? connection.prepareStatement(sql, new String[] {"id"}) : connection.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int c = 0; c < row.length; c++) {
                    insert.setObject(c + 1, jdbc(row[c]));
                }
                insert.addBatch();
            }
            insert.executeBatch();
            if (!withIds) {
                return null;
            }
            long[] ids = new long[rows.size()];
            try (ResultSet keys = insert.getGeneratedKeys()) {
                for (int i = 0; keys.next(); i++) {
                    ids[i] = keys.getLong(1);
                }
            }
            return ids;
        }
    }

    /** A row's cells as JDBC parameters: instants and dates as SQL timestamps and dates, the rest as they are. */
    public static Object[] jdbc(Object[] row) {
        Object[] out = new Object[row.length];
        for (int c = 0; c < row.length; c++) {
            out[c] = jdbc(row[c]);
        }
        return out;
    }

    private static Object jdbc(Object value) {
        if (value instanceof Instant i) {
            return Timestamp.from(i);
        }
        if (value instanceof LocalDate d) {
            return Date.valueOf(d);
        }
        return value;
    }
}
