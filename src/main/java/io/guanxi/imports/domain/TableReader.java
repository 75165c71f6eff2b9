package io.guanxi.imports.domain;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;

/**
 * Reads a table one row at a time, whatever the file: the first row holds the column titles, every
 * further row is data. Nothing but the current row is held in memory (an XLSX keeps its shared
 * strings, as Excel itself does).
 */
abstract class TableReader implements Closeable {

    /** A data row: its number as a spreadsheet shows it (the header is row 1) and its cells. */
    record Line(long row, String[] cells) {}

    private List<String> headers;

    /** The column titles; duplicates get a suffix (" (2)") so that each title names one column. */
    final List<String> headers() {
        return headers;
    }

    final void setHeaders(List<String> raw) {
        List<String> unique = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            String title = raw.get(i) == null ? "" : raw.get(i).strip();
            if (title.isEmpty()) {
                title = "#" + (i + 1);
            }
            int n = seen.merge(title, 1, Integer::sum);
            unique.add(n == 1 ? title : title + " (" + n + ")");
        }
        headers = List.copyOf(unique);
    }

    /** The data rows; blank rows are skipped. */
    abstract Iterator<Line> lines();

    static TableReader csv(InputStream in, Charset encoding, char delimiter) {
        return new Csv(in, encoding, delimiter);
    }

    static TableReader xlsx(File file) {
        return new Xlsx(file);
    }

    /** The delimiter a CSV header line uses most: comma, semicolon or tab. */
    static char guessDelimiter(String headerLine) {
        char best = ',';
        long bestCount = headerLine.chars().filter(c -> c == ',').count();
        for (char candidate : new char[] {';', '\t'}) {
            long count = headerLine.chars().filter(c -> c == candidate).count();
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }

    private static final class Csv extends TableReader {
        private final CSVParser parser;

        Csv(InputStream in, Charset encoding, char delimiter) {
            try {
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, encoding), 64 * 1024);
                reader.mark(1);
                if (reader.read() != '\uFEFF') { // a byte-order mark is not part of the first title
                    reader.reset();
                }
                parser = CSVFormat.RFC4180
                        .builder()
                        .setDelimiter(delimiter)
                        .setIgnoreSurroundingSpaces(false)
                        .get()
                        .parse(reader);
                Iterator<CSVRecord> records = parser.iterator();
                setHeaders(records.hasNext() ? records.next().toList() : List.of());
            } catch (IOException | UncheckedIOException e) {
                throw new IllegalStateException("The file cannot be read as CSV: " + e.getMessage(), e);
            }
        }

        @Override
        Iterator<Line> lines() {
            Iterator<CSVRecord> records = parser.iterator();
            return new Iterator<>() {
                private Line next = advance();

                private Line advance() {
                    while (records.hasNext()) {
                        CSVRecord record = records.next();
                        String[] cells = record.values();
                        if (!blank(cells)) {
                            return new Line(record.getRecordNumber(), cells);
                        }
                    }
                    return null;
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public Line next() {
                    Line current = next;
                    next = advance();
                    return current;
                }
            };
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }

    private static final class Xlsx extends TableReader {
        private final ReadableWorkbook workbook;
        private final Stream<Row> rows;
        private final Iterator<Row> iterator;

        Xlsx(File file) {
            try {
                workbook = new ReadableWorkbook(file, new ReadingOptions(true, false));
                rows = workbook.getFirstSheet().openStream();
                iterator = rows.iterator();
                setHeaders(iterator.hasNext() ? List.of(cells(iterator.next())) : List.of());
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("The file cannot be read as an Excel workbook: " + e.getMessage(), e);
            }
        }

        @Override
        Iterator<Line> lines() {
            Stream<Line> lines = StreamSupport.stream(
                            Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false)
                    .map(row -> new Line(row.getRowNum(), cells(row)))
                    .filter(line -> !blank(line.cells()));
            return lines.iterator();
        }

        private static String[] cells(Row row) {
            String[] cells = new String[row.getCellCount()];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = text(row.getCell(i));
            }
            return cells;
        }

        /** A cell as a person reads it: dates as ISO dates, numbers without exponent or ".0". */
        static String text(Cell cell) {
            if (cell == null || cell.getType() == CellType.EMPTY) {
                return null;
            }
            if (cell.getType() == CellType.NUMBER) {
                if (isDateFormat(cell.getDataFormatString())) {
                    java.time.LocalDateTime at = cell.asDate();
                    return at.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
                            ? at.toLocalDate().toString()
                            : at.withNano(0).toString().replace('T', ' ');
                }
                BigDecimal number = cell.asNumber();
                return number.stripTrailingZeros().toPlainString();
            }
            return cell.getText();
        }

        private static boolean isDateFormat(String format) {
            if (format == null) {
                return false;
            }
            String plain = format.replaceAll("\"[^\"]*\"|\\[[^]]*]", "").toLowerCase();
            return plain.contains("y") || plain.contains("d") || plain.contains("m") && !plain.contains("0");
        }

        @Override
        public void close() throws IOException {
            rows.close();
            workbook.close();
        }
    }

    private static boolean blank(String[] cells) {
        for (String cell : cells) {
            if (cell != null && !cell.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
