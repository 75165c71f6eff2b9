package io.guanxi.shared.persistence;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.copy.CopyIn;

/**
 * Rows for PostgreSQL's {@code COPY ... FROM STDIN (FORMAT binary)}: every cell in its column type's
 * binary form (a timestamp is eight bytes of microseconds, a number its base-10,000 digits), so the
 * server splits no text and parses no digits, dates or quotes — that parsing was an eighth of the
 * server's work in an order import. The server still applies each column's length and scale (a
 * {@code VARCHAR(n)} too long fails, a {@code NUMERIC(14, 2)} is rounded to two places) as it does
 * for text. Only types written here are supported; a table with another type, or a cell whose Java
 * type does not fit its column, goes through the text path instead ({@link #columns} answers null,
 * {@link #fits} false).
 */
final class BinaryCopy {

    /** The binary copy header: signature, flags, header extension length. */
    private static final byte[] HEADER = {
        'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
    };

    /** Seconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01 (UTC). */
    private static final long PG_EPOCH_SECOND = 946_684_800L;

    private static final long PG_EPOCH_DAY = 10_957L;

    private static final short NUMERIC_POSITIVE = 0x0000;
    private static final short NUMERIC_NEGATIVE = 0x4000;

    /** Column types of a table, looked up once per table and column list (type oids do not change). */
    private static final Map<String, Column[]> COLUMNS = new ConcurrentHashMap<>();

    /** Column kinds with a binary form here. */
    enum Kind {
        INT2,
        INT4,
        INT8,
        NUMERIC,
        BOOL,
        TEXT,
        TIMESTAMP,
        DATE,
        BYTEA
    }

    /** A column's kind, and for an array column its element type's oid (0 for a plain column). */
    record Column(Kind kind, int elementOid) {

        boolean array() {
            return elementOid != 0;
        }
    }

    private BinaryCopy() {}

    /**
     * The columns' types, in the columns' order, or null when one has no binary form here (the caller
     * then writes text). Arrays of the supported types are supported.
     */
    static Column[] columns(Connection connection, String table, List<String> columns) throws SQLException {
        String key = table + '(' + String.join(",", columns) + ')';
        Column[] known = COLUMNS.get(key);
        if (known != null) {
            return known.length == 0 ? null : known;
        }
        Map<String, Column> byName = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT a.attname, t.typname, t.typcategory = 'A', e.typname, t.typelem FROM pg_attribute a"
                        + " JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type e ON e.oid = t.typelem"
                        + " WHERE a.attrelid = CAST(? AS regclass) AND a.attnum > 0 AND NOT a.attisdropped")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    boolean array = rs.getBoolean(3);
                    Kind kind = kind(array ? rs.getString(4) : rs.getString(2));
                    if (kind != null) {
                        byName.put(rs.getString(1), new Column(kind, array ? rs.getInt(5) : 0));
                    }
                }
            }
        }
        Column[] result = new Column[columns.size()];
        boolean supported = true;
        for (int c = 0; c < columns.size(); c++) {
            result[c] = byName.get(columns.get(c));
            supported &= result[c] != null;
        }
        COLUMNS.put(key, supported ? result : new Column[0]);
        return supported ? result : null;
    }

    private static Kind kind(String typeName) {
        return switch (typeName == null ? "" : typeName) {
            case "int2" -> Kind.INT2;
            case "int4" -> Kind.INT4;
            case "int8" -> Kind.INT8;
            case "numeric" -> Kind.NUMERIC;
            case "bool" -> Kind.BOOL;
            case "text", "varchar", "bpchar" -> Kind.TEXT;
            case "timestamptz", "timestamp" -> Kind.TIMESTAMP;
            case "date" -> Kind.DATE;
            case "bytea" -> Kind.BYTEA;
            default -> null;
        };
    }

    /** Whether every cell of the rows has a binary form in its column (null always has). */
    static boolean fits(Column[] columns, int first, List<Object[]> rows) {
        for (Object[] row : rows) {
            if (row.length != columns.length - first) {
                return false;
            }
            for (int c = 0; c < row.length; c++) {
                Column column = columns[first + c];
                Object value = row[c];
                if (value == null) {
                    continue;
                }
                if (column.array()) {
                    if (!(value instanceof Collection<?> elements)) {
                        return false;
                    }
                    for (Object element : elements) {
                        if (element != null && !fits(column.kind(), element)) {
                            return false;
                        }
                    }
                } else if (!fits(column.kind(), value)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean fits(Kind kind, Object value) {
        return switch (kind) {
            case INT2, INT4, INT8 -> value instanceof Long || value instanceof Integer || value instanceof Short;
            case NUMERIC -> value instanceof BigDecimal || value instanceof Long || value instanceof Integer;
            case BOOL -> value instanceof Boolean;
            case TEXT ->
                value instanceof String
                        || value instanceof Long
                        || value instanceof Integer
                        || value instanceof BigDecimal
                        || value instanceof Boolean
                        || value instanceof LocalDate;
            case TIMESTAMP -> value instanceof Instant;
            case DATE -> value instanceof LocalDate;
            case BYTEA -> value instanceof byte[];
        };
    }

    /**
     * Streams the rows into {@code copy} (a {@code COPY ... FROM STDIN (FORMAT binary)} naming the
     * columns in order), {@code ids} (when not null) as a first column; a failure cancels the copy.
     */
    static void write(Connection connection, String copy, Column[] columns, long[] ids, List<Object[]> rows)
            throws SQLException {
        BulkRows.copyIn(connection, copy, in -> {
            Out out = new Out(in);
            out.bytes(HEADER);
            int first = ids == null ? 0 : 1;
            for (int r = 0; r < rows.size(); r++) {
                Object[] row = rows.get(r);
                out.int16(columns.length);
                if (ids != null) {
                    out.int32(8);
                    out.int64(ids[r]);
                }
                for (int c = 0; c < row.length; c++) {
                    Column column = columns[first + c];
                    if (row[c] == null) {
                        out.int32(-1);
                    } else if (column.array()) {
                        out.array(column, (Collection<?>) row[c]);
                    } else {
                        out.cell(column.kind(), row[c]);
                    }
                }
                out.flushIfFull();
            }
            out.int16(-1);
            out.flush();
            return rows.size();
        });
    }

    /**
     * A buffer that goes to the server once it holds {@link BulkRows#FLUSH_CHARS} bytes (kept below
     * half a heap region, as the text path's pieces are). A cell's length is written before its bytes
     * and filled in after them.
     */
    static final class Out {
        private final CopyIn in;
        private byte[] buffer;
        private int position;
        /** Room for the base-10,000 digits of a number of the fast path: 15 digits and 3 of padding. */
        private final short[] scratch = new short[6];

        Out(CopyIn in) {
            this.in = in;
            this.buffer = new byte[BulkRows.FLUSH_CHARS + 4096];
        }

        /** A small buffer that is never sent (for tests of the encoding). */
        Out() {
            this.in = null;
            this.buffer = new byte[64];
        }

        byte[] written() {
            return java.util.Arrays.copyOf(buffer, position);
        }

        void flushIfFull() throws SQLException {
            if (position >= BulkRows.FLUSH_CHARS) {
                flush();
            }
        }

        void flush() throws SQLException {
            if (position > 0) {
                in.writeToCopy(buffer, 0, position);
                position = 0;
            }
        }

        private void ensure(int more) {
            if (position + more > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + more));
            }
        }

        void bytes(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buffer, position, bytes.length);
            position += bytes.length;
        }

        void int16(int value) {
            ensure(2);
            buffer[position++] = (byte) (value >>> 8);
            buffer[position++] = (byte) value;
        }

        void int32(int value) {
            ensure(4);
            put32(position, value);
            position += 4;
        }

        private void put32(int at, int value) {
            buffer[at] = (byte) (value >>> 24);
            buffer[at + 1] = (byte) (value >>> 16);
            buffer[at + 2] = (byte) (value >>> 8);
            buffer[at + 3] = (byte) value;
        }

        void int64(long value) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buffer[position++] = (byte) (value >>> shift);
            }
        }

        /** One cell, its length first. */
        void cell(Kind kind, Object value) {
            switch (kind) {
                case INT2 -> {
                    int32(2);
                    int16(narrow(value, Short.MIN_VALUE, Short.MAX_VALUE));
                }
                case INT4 -> {
                    int32(4);
                    int32(narrow(value, Integer.MIN_VALUE, Integer.MAX_VALUE));
                }
                case INT8 -> {
                    int32(8);
                    int64(((Number) value).longValue());
                }
                case NUMERIC ->
                    numeric(value instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) value).longValue()));
                case BOOL -> {
                    int32(1);
                    ensure(1);
                    buffer[position++] = (byte) ((Boolean) value ? 1 : 0);
                }
                case TEXT ->
                    text(
                            value instanceof String s
                                    ? s
                                    : value instanceof BigDecimal d ? d.toPlainString() : value.toString());
                case TIMESTAMP -> {
                    Instant instant = (Instant) value;
                    int32(8);
                    int64(Math.addExact(
                            Math.multiplyExact(instant.getEpochSecond() - PG_EPOCH_SECOND, 1_000_000L),
                            (instant.getNano() + 500) / 1000));
                }
                case DATE -> {
                    int32(4);
                    int32(Math.toIntExact(((LocalDate) value).toEpochDay() - PG_EPOCH_DAY));
                }
                case BYTEA -> {
                    byte[] bytes = (byte[]) value;
                    int32(bytes.length);
                    bytes(bytes);
                }
            }
        }

        private static int narrow(Object value, int min, int max) {
            long n = ((Number) value).longValue();
            if (n < min || n > max) {
                throw new IllegalArgumentException(n + " does not fit the column");
            }
            return (int) n;
        }

        /** Text as UTF-8, encoded straight into the buffer. */
        void text(String s) {
            int length = s.length();
            ensure(4 + 3 * length);
            int at = position;
            position += 4;
            for (int i = 0; i < length; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    buffer[position++] = (byte) c;
                } else if (c < 0x800) {
                    buffer[position++] = (byte) (0xC0 | (c >> 6));
                    buffer[position++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isHighSurrogate(c)
                        && i + 1 < length
                        && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    buffer[position++] = (byte) (0xF0 | (cp >> 18));
                    buffer[position++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    buffer[position++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    buffer[position++] = (byte) (0x80 | (cp & 0x3F));
                } else if (Character.isSurrogate(c)) {
                    // a lone surrogate is not text: written as String.getBytes would write it
                    buffer[position++] = '?';
                } else {
                    buffer[position++] = (byte) (0xE0 | (c >> 12));
                    buffer[position++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    buffer[position++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            put32(at, position - at - 4);
        }

        /**
         * A number as PostgreSQL's {@code numeric} sends it: digit count, weight (of the first base-10,000
         * digit), sign, display scale, then the base-10,000 digits without leading or trailing zero
         * digits.
         */
        void numeric(BigDecimal value) {
            int scale = Math.max(0, value.scale());
            BigDecimal plain = value.scale() < 0 ? value.setScale(0) : value;
            if (scale <= 15 && plain.precision() <= 15) {
                numeric(Math.abs(plain.scaleByPowerOfTen(scale).longValueExact()), scale, value.signum() < 0);
            } else {
                numericFromText(value);
            }
        }

        /** {@link #numeric(BigDecimal)} for any size, through the number's digits as text. */
        void numericFromText(BigDecimal value) {
            int scale = Math.max(0, value.scale());
            BigDecimal plain = value.scale() < 0 ? value.setScale(0) : value;
            String digits = plain.unscaledValue().abs().toString();
            // the decimal digits padded to whole groups of four on both sides of the point
            int integerDigits = Math.max(0, digits.length() - scale);
            int integerGroups = (integerDigits + 3) / 4;
            int fractionGroups = (scale + 3) / 4;
            char[] padded = new char[(integerGroups + fractionGroups) * 4];
            java.util.Arrays.fill(padded, '0');
            int point = integerGroups * 4;
            digits.getChars(0, integerDigits, padded, point - integerDigits);
            int fractionDigits = digits.length() - integerDigits; // at most the scale
            digits.getChars(integerDigits, digits.length(), padded, point + scale - fractionDigits);
            short[] groups = new short[integerGroups + fractionGroups];
            for (int g = 0; g < groups.length; g++) {
                int group = 0;
                for (int p = g * 4; p < g * 4 + 4; p++) {
                    group = group * 10 + (padded[p] - '0');
                }
                groups[g] = (short) group;
            }
            digits(groups, 0, groups.length, integerGroups - 1, scale, value.signum() < 0);
        }

        /**
         * A number of at most fifteen digits, as {@link #numeric(BigDecimal)} writes it, from its digits
         * as a whole number and its scale, without text in between (most amounts are of this size).
         */
        private void numeric(long unscaled, int scale, boolean negative) {
            int fractionGroups = (scale + 3) / 4;
            long padded = unscaled;
            for (int p = fractionGroups * 4 - scale; p > 0; p--) {
                padded *= 10;
            }
            // base-10,000 digits from the last, into the scratch array's end (no array per number)
            short[] groups = scratch;
            int end = groups.length;
            int from = end;
            for (; padded > 0; padded /= 10_000) {
                groups[--from] = (short) (padded % 10_000);
            }
            while (end - from < fractionGroups) {
                groups[--from] = 0;
            }
            digits(groups, from, end, end - fractionGroups - from - 1, scale, negative);
        }

        /**
         * The base-10,000 digits {@code groups} from {@code from} up to, not including, {@code to}, the
         * first of {@code weight}, written without zero digits at either end.
         */
        private void digits(short[] groups, int from, int to, int weight, int scale, boolean negative) {
            while (from < to && groups[from] == 0) {
                from++;
                weight--;
            }
            while (to > from && groups[to - 1] == 0) {
                to--;
            }
            int count = to - from;
            int32(8 + 2 * count);
            int16(count);
            int16(count == 0 ? 0 : weight);
            int16(count > 0 && negative ? NUMERIC_NEGATIVE : NUMERIC_POSITIVE);
            int16(scale);
            for (int g = from; g < to; g++) {
                int16(groups[g]);
            }
        }

        /** A one-dimensional array (an empty one has no dimension), its elements of the column's kind. */
        void array(Column column, Collection<?> elements) {
            ensure(4);
            int at = position;
            position += 4;
            boolean nulls = false;
            for (Object element : elements) {
                nulls |= element == null;
            }
            int32(elements.isEmpty() ? 0 : 1);
            int32(nulls ? 1 : 0);
            int32(column.elementOid());
            if (!elements.isEmpty()) {
                int32(elements.size());
                int32(1);
                for (Object element : elements) {
                    if (element == null) {
                        int32(-1);
                    } else {
                        cell(column.kind(), element);
                    }
                }
            }
            put32(at, position - at - 4);
        }
    }
}
