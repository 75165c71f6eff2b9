package io.guanxi.imports;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes a table to CSV (UTF-8 with a byte-order mark, so that Excel shows Chinese text) or XLSX,
 * row by row, straight to the response. Text that a spreadsheet would run as a formula (starting
 * with {@code = + - @}, a tab or a carriage return) is written with a leading apostrophe.
 */
public abstract class TableExport implements Closeable {

    public enum Format {
        CSV("text/csv;charset=UTF-8"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        private final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        public String contentType() {
            return contentType;
        }

        public String extension() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** {@code csv} or {@code xlsx}, any case; anything else is refused. */
        public static Format of(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw io.guanxi.shared.InvalidRequestException.forField("format", "must be csv or xlsx");
            }
        }
    }

    public static TableExport open(Format format, OutputStream out, List<String> headers) {
        TableExport export = format == Format.CSV ? new Csv(out) : new Xlsx(out);
        export.row(List.copyOf(headers));
        return export;
    }

    /** One row; cells may be text, numbers, dates, instants or null. */
    public abstract void row(List<?> cells);

    /** Text as it is safe to hand to a spreadsheet. */
    public static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text
                : text;
    }

    private static final class Csv extends TableExport {
        private final Writer writer;

        Csv(OutputStream out) {
            writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            write("\uFEFF");
        }

        @Override
        public void row(List<?> cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    line.append(',');
                }
                Object cell = cells.get(i);
                if (cell == null) {
                    continue;
                }
                String text = cell instanceof String s ? neutralise(s) : cell.toString();
                if (text.indexOf(',') >= 0
                        || text.indexOf('"') >= 0
                        || text.indexOf('\n') >= 0
                        || text.indexOf('\r') >= 0
                        || text.startsWith("'")) {
                    line.append('"').append(text.replace("\"", "\"\"")).append('"');
                } else {
                    line.append(text);
                }
            }
            write(line.append("\r\n").toString());
        }

        private void write(String text) {
            try {
                writer.write(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            writer.flush();
        }
    }

    private static final class Xlsx extends TableExport {
        private static final int FLUSH_EVERY = 1000;
        private final Workbook workbook;
        private final Worksheet sheet;
        private int row;

        Xlsx(OutputStream out) {
            workbook = new Workbook(out, "Guanxi", "1.0");
            sheet = workbook.newWorksheet("Sheet1");
        }

        @Override
        public void row(List<?> cells) {
            for (int c = 0; c < cells.size(); c++) {
                Object cell = cells.get(c);
                if (cell instanceof String s) {
                    sheet.value(row, c, neutralise(s));
                } else if (cell instanceof Number n) {
                    sheet.value(row, c, n);
                } else if (cell instanceof LocalDate d) {
                    sheet.value(row, c, d);
                    sheet.style(row, c).format("yyyy-mm-dd").set();
                } else if (cell instanceof Instant i) {
                    sheet.value(row, c, i.toString());
                } else if (cell != null) {
                    sheet.value(row, c, neutralise(cell.toString()));
                }
            }
            row++;
            if (row % FLUSH_EVERY == 0) {
                try {
                    sheet.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        @Override
        public void close() throws IOException {
            workbook.finish();
        }
    }
}
