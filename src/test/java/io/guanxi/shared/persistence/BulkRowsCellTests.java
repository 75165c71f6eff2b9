package io.guanxi.shared.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Cells of the CSV that COPY reads: NULL is empty, text is quoted with its quotes doubled, collections
 * are array literals, bytes bytea's hex form.
 */
class BulkRowsCellTests {

    private static String cells(Object... values) {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            BulkRows.cell(csv, values[i]);
        }
        return csv.toString();
    }

    @Test
    void textIsQuotedWithEveryQuoteDoubled() {
        assertThat(cells("plain", "", "say \"hi\"", "\"", "a,b\nc", "订单 ¥1,280.00"))
                .isEqualTo("\"plain\",\"\",\"say \"\"hi\"\"\",\"\"\"\",\"a,b\nc\",\"订单 ¥1,280.00\"");
    }

    @Test
    void nullIsAnEmptyCellAndOtherValuesTheirPlainForm() {
        assertThat(cells(
                        null,
                        -42L,
                        7,
                        new BigDecimal("1E+3"),
                        new BigDecimal("12.50"),
                        true,
                        Instant.parse("2026-03-01T08:00:00Z"),
                        LocalDate.of(2026, 2, 28)))
                .isEqualTo(",-42,7,1000,12.50,true,2026-03-01 08:00:00+00,2026-02-28");
    }

    @Test
    void anInstantIsWrittenInUtcWithTheFractionItHas() {
        assertThat(cells(
                        Instant.parse("2026-12-31T23:59:59.5Z"),
                        Instant.parse("2026-01-02T03:04:05.000123Z"),
                        Instant.parse("2026-01-02T03:04:05.123456789Z"),
                        Instant.parse("0999-01-01T00:00:00Z")))
                .isEqualTo("2026-12-31 23:59:59.5+00,2026-01-02 03:04:05.000123+00,2026-01-02 03:04:05.123456789+00,"
                        + "0999-01-01T00:00:00Z");
    }

    @Test
    void aCollectionIsAnArrayLiteralInOneQuotedCell() {
        assertThat(cells(
                        java.util.List.of(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 5)),
                        java.util.List.of("FOOD", "say \"hi\"", "a\\b", "x,y"),
                        java.util.Arrays.asList(new BigDecimal("1E+2"), null, 3L),
                        java.util.List.of()))
                .isEqualTo("\"{2026-03-01,2026-03-05}\","
                        + "\"{\"\"FOOD\"\",\"\"say \\\"\"hi\\\"\"\"\",\"\"a\\\\b\"\",\"\"x,y\"\"}\","
                        + "\"{100,NULL,3}\",\"{}\"");
    }

    @Test
    void bytesAreInByteasHexForm() {
        assertThat(cells(new byte[] {0, 1, (byte) 0xFF}, new byte[0])).isEqualTo("\\x0001ff,\\x");
    }
}
