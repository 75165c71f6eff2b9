package io.guanxi.shared.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guanxi.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rows that {@link BulkRows} writes with {@code COPY} in the binary format read back as the values
 * written, and exactly as the same rows written as text do (a table with a column of a type the
 * binary path does not write goes through text). Every case runs in a transaction that is rolled
 * back.
 */
@IntegrationTest
@Tag("postgres-only")
class BinaryCopyIntegrationTests {

    private static final String COLUMNS_SQL = "(small SMALLINT, whole INT, big BIGINT, amount NUMERIC(14, 2),"
            + " exact NUMERIC, flag BOOLEAN, label VARCHAR(20), code CHAR(3), note TEXT, at TIMESTAMPTZ,"
            + " day DATE, raw BYTEA, days DATE[], names VARCHAR(10)[], amounts NUMERIC(16, 2)[], counts BIGINT[]";

    private static final List<String> COLUMNS = List.of(
            "small", "whole", "big", "amount", "exact", "flag", "label", "code", "note", "at", "day", "raw", "days",
            "names", "amounts", "counts");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate transactions;

    private void rolledBack(Consumer<BulkRows> work) {
        transactions.executeWithoutResult(tx -> {
            tx.setRollbackOnly();
            jdbc.sql("CREATE TEMP TABLE binary_copy_probe " + COLUMNS_SQL + ") ON COMMIT DROP")
                    .update();
            // the same columns and one the binary path does not write, so these rows go as text
            jdbc.sql("CREATE TEMP TABLE text_copy_probe " + COLUMNS_SQL + ", extra JSONB) ON COMMIT DROP")
                    .update();
            work.accept(new BulkRows(dataSource));
        });
    }

    private static Object[] row(Object... cells) {
        return cells;
    }

    private static final List<Object[]> ROWS = List.of(
            row(
                    (short) -7,
                    42,
                    Long.MIN_VALUE,
                    new BigDecimal("12.50"),
                    new BigDecimal("0.000005"),
                    true,
                    "say \"hi\", a,b\nc",
                    "CNY",
                    "订单 ¥1,280.00 😀 \\ end",
                    Instant.parse("2026-03-01T08:00:00.123456Z"),
                    LocalDate.of(2026, 2, 28),
                    new byte[] {0, 1, (byte) 0xFF},
                    List.of(LocalDate.of(2024, 1, 1), LocalDate.of(1999, 12, 31)),
                    Arrays.asList("SERVICE", null, "a \"b\" c"),
                    List.of(new BigDecimal("10.25"), new BigDecimal("-3.00")),
                    List.of(1L, -2L)),
            row(
                    (short) 0,
                    -1,
                    7L,
                    new BigDecimal("-0.01"),
                    new BigDecimal("99999999999999999999.123456789"),
                    false,
                    "",
                    "AB",
                    "plain",
                    Instant.parse("1999-12-31T23:59:59.999999Z"),
                    LocalDate.of(2000, 1, 1),
                    new byte[0],
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of()),
            row(
                    null,
                    null,
                    null,
                    new BigDecimal("1E+3"),
                    new BigDecimal("-98765.4321"),
                    null,
                    null,
                    null,
                    null,
                    Instant.parse("1970-01-01T00:00:00Z"),
                    LocalDate.of(1999, 12, 31),
                    null,
                    null,
                    null,
                    null,
                    null),
            row(
                    1,
                    2L,
                    3,
                    new BigDecimal("1.005"),
                    new BigDecimal("0"),
                    true,
                    12L,
                    "XYZ",
                    new BigDecimal("0.10"),
                    Instant.parse("2026-12-31T23:59:59Z"),
                    LocalDate.of(2026, 12, 31),
                    null,
                    List.of(LocalDate.of(2026, 12, 31)),
                    List.of("x"),
                    List.of(new BigDecimal("123456789012.34")),
                    List.of(Long.MAX_VALUE)),
            row(
                    null,
                    null,
                    10_000L,
                    new BigDecimal("100000000.00"),
                    new BigDecimal("0.0001"),
                    null,
                    null,
                    null,
                    null,
                    Instant.parse("2000-01-01T00:00:00.000001Z"),
                    null,
                    null,
                    null,
                    null,
                    List.of(new BigDecimal("0.00"), new BigDecimal("10000")),
                    null));

    private List<Map<String, Object>> read(String table) {
        return jdbc.sql("SELECT small::text, whole::text, big::text, amount::text, exact::text, flag::text, label,"
                        + " code, note, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS at,"
                        + " day::text, encode(raw, 'hex') AS raw, days::text, names::text, amounts::text,"
                        + " counts::text FROM " + table + " ORDER BY at")
                .query()
                .listOfRows();
    }

    @Test
    void everyKindOfCellReadsBackAsWritten() {
        rolledBack(bulk -> {
            bulk.insert("binary_copy_probe", COLUMNS, ROWS);
            List<Map<String, Object>> rows = read("binary_copy_probe");
            assertThat(rows).hasSize(5);
            Map<String, Object> epoch = rows.get(0);
            assertThat(epoch.get("amount")).isEqualTo("1000.00");
            assertThat(epoch.get("exact")).isEqualTo("-98765.4321");
            assertThat(epoch.get("at")).isEqualTo("1970-01-01 00:00:00.000000");
            assertThat(epoch.get("small")).isNull();
            assertThat(epoch.get("days")).isNull();
            Map<String, Object> beforeEpoch = rows.get(1);
            assertThat(beforeEpoch.get("small")).isEqualTo("0");
            assertThat(beforeEpoch.get("amount")).isEqualTo("-0.01");
            assertThat(beforeEpoch.get("exact")).isEqualTo("99999999999999999999.123456789");
            assertThat(beforeEpoch.get("label")).isEqualTo("");
            assertThat(beforeEpoch.get("code")).isEqualTo("AB ");
            assertThat(beforeEpoch.get("at")).isEqualTo("1999-12-31 23:59:59.999999");
            assertThat(beforeEpoch.get("raw")).isEqualTo("");
            assertThat(beforeEpoch.get("days")).isEqualTo("{}");
            assertThat(beforeEpoch.get("names")).isEqualTo("{}");
            Map<String, Object> micro = rows.get(2);
            assertThat(micro.get("big")).isEqualTo("10000");
            assertThat(micro.get("amount")).isEqualTo("100000000.00");
            assertThat(micro.get("exact")).isEqualTo("0.0001");
            assertThat(micro.get("at")).isEqualTo("2000-01-01 00:00:00.000001");
            assertThat(micro.get("amounts")).isEqualTo("{0.00,10000.00}");
            Map<String, Object> full = rows.get(3);
            assertThat(full.get("small")).isEqualTo("-7");
            assertThat(full.get("whole")).isEqualTo("42");
            assertThat(full.get("big")).isEqualTo(String.valueOf(Long.MIN_VALUE));
            assertThat(full.get("amount")).isEqualTo("12.50");
            assertThat(full.get("exact")).isEqualTo("0.000005");
            assertThat(full.get("flag")).isEqualTo("true");
            assertThat(full.get("label")).isEqualTo("say \"hi\", a,b\nc");
            assertThat(full.get("code")).isEqualTo("CNY");
            assertThat(full.get("note")).isEqualTo("订单 ¥1,280.00 😀 \\ end");
            assertThat(full.get("at")).isEqualTo("2026-03-01 08:00:00.123456");
            assertThat(full.get("day")).isEqualTo("2026-02-28");
            assertThat(full.get("raw")).isEqualTo("0001ff");
            assertThat(full.get("days")).isEqualTo("{2024-01-01,1999-12-31}");
            assertThat(full.get("names")).isEqualTo("{SERVICE,NULL,\"a \\\"b\\\" c\"}");
            assertThat(full.get("amounts")).isEqualTo("{10.25,-3.00}");
            assertThat(full.get("counts")).isEqualTo("{1,-2}");
            Map<String, Object> converted = rows.get(4);
            // numbers given as another Java type than the column's, text given as numbers
            assertThat(converted.get("small")).isEqualTo("1");
            assertThat(converted.get("whole")).isEqualTo("2");
            assertThat(converted.get("big")).isEqualTo("3");
            assertThat(converted.get("amount"))
                    .as("rounded to the column's scale")
                    .isEqualTo("1.01");
            assertThat(converted.get("exact")).isEqualTo("0");
            assertThat(converted.get("label")).isEqualTo("12");
            assertThat(converted.get("note")).isEqualTo("0.10");
            assertThat(converted.get("counts")).isEqualTo("{" + Long.MAX_VALUE + "}");
        });
    }

    @Test
    void binaryAndTextRowsAreTheSame() {
        rolledBack(bulk -> {
            bulk.insert("binary_copy_probe", COLUMNS, ROWS);
            List<String> withExtra = new ArrayList<>(COLUMNS);
            withExtra.add("extra");
            bulk.insert(
                    "text_copy_probe",
                    withExtra,
                    ROWS.stream()
                            .map(r -> {
                                Object[] longer = Arrays.copyOf(r, r.length + 1);
                                longer[r.length] = null;
                                return longer;
                            })
                            .toList());
            assertThat(read("binary_copy_probe")).isEqualTo(read("text_copy_probe"));
        });
    }

    @Test
    void aCellOfAnotherJavaTypeSendsTheRowsAsText() {
        rolledBack(bulk -> {
            // a number given as text: no binary form, so the whole statement goes as text, which reads it
            bulk.insert(
                    "binary_copy_probe",
                    List.of("big", "at"),
                    List.of(
                            row("41", Instant.parse("2026-01-01T00:00:00Z")),
                            row(42L, Instant.parse("2026-01-02T00:00:00Z"))));
            assertThat(jdbc.sql("SELECT big FROM binary_copy_probe ORDER BY big")
                            .query(Long.class)
                            .list())
                    .containsExactly(41L, 42L);
        });
    }

    @Test
    void textLongerThanItsColumnFailsTheStatement() {
        assertThatThrownBy(() -> rolledBack(bulk ->
                        bulk.insert("binary_copy_probe", List.of("label"), List.<Object[]>of(row("x".repeat(21))))))
                .hasMessageContaining("too long");
    }

    @Test
    void aNumberOutOfItsColumnsRangeFailsTheStatement() {
        assertThatThrownBy(() -> rolledBack(
                        bulk -> bulk.insert("binary_copy_probe", List.of("small"), List.<Object[]>of(row(70_000)))))
                .hasMessageContaining("70000");
    }
}
