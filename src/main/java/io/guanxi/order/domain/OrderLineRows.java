package io.guanxi.order.domain;

import io.guanxi.imports.ImportRow;
import io.guanxi.imports.RowIssue;
import io.guanxi.order.SalesChannel;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the rows of an order-lines file: one row per order line, the lines of one order on
 * consecutive rows with the same order number (the order's own columns — time, store, channel,
 * customer, payment — are taken from its first line). Pure parsing and grouping, no database: what a
 * row gets wrong is reported against its column, and an order with one bad line is rejected whole,
 * because a partial order would earn and count the wrong amounts.
 */
final class OrderLineRows {

    static final String ORDER_NUMBER = "orderNumber";
    static final String PLACED_AT = "placedAt";
    static final String STORE = "store";
    static final String CHANNEL = "channel";
    static final String CUSTOMER_ID = "customerExternalId";
    static final String CUSTOMER_PHONE = "customerPhone";
    static final String CUSTOMER_NAME = "customerName";
    static final String SKU = "sku";
    static final String QUANTITY = "quantity";
    static final String UNIT_PRICE = "unitPrice";
    static final String DISCOUNT = "discount";
    static final String PAYMENT = "paymentMethod";
    static final int MAX_LINES = 500;

    private static final List<DateTimeFormatter> DATE_TIMES = List.of(
            DateTimeFormatter.ofPattern("uuuu-M-d H:mm[:ss][.SSS]"),
            DateTimeFormatter.ofPattern("uuuu/M/d H:mm[:ss]"),
            DateTimeFormatter.ofPattern("uuuu.M.d H:mm[:ss]"),
            DateTimeFormatter.ofPattern("uuuu-M-d'T'H:mm[:ss][.SSS]"),
            DateTimeFormatter.ofPattern("uuuu年M月d日 H:mm[:ss]"),
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss"));
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ofPattern("uuuu-M-d"),
            DateTimeFormatter.ofPattern("uuuu/M/d"),
            DateTimeFormatter.ofPattern("uuuu.M.d"),
            DateTimeFormatter.ofPattern("uuuuMMdd"),
            DateTimeFormatter.ofPattern("uuuu年M月d日"));
    private static final Map<String, SalesChannel> CHANNELS = Map.ofEntries(
            Map.entry("门店", SalesChannel.STORE),
            Map.entry("线下", SalesChannel.STORE),
            Map.entry("到店", SalesChannel.STORE),
            Map.entry("线上", SalesChannel.ONLINE),
            Map.entry("网店", SalesChannel.ONLINE),
            Map.entry("电商", SalesChannel.ONLINE),
            Map.entry("小程序", SalesChannel.ONLINE),
            Map.entry("电话", SalesChannel.PHONE),
            Map.entry("经销商", SalesChannel.DEALER));

    private OrderLineRows() {}

    /** When an order happened: an instant when the text carries an offset, else a local time in the store's zone. */
    record When(Instant instant, LocalDateTime local) {
        Instant in(ZoneId zone) {
            return instant != null ? instant : local.atZone(zone).toInstant();
        }
    }

    /** One order line as read. */
    record Line(long row, String sku, Integer quantity, BigDecimal unitPrice, BigDecimal discount) {}

    /** The consecutive rows of one order number, with what was wrong with them. */
    static final class Group {
        final String orderNumber;
        final long firstRow;
        final ImportRow first;
        final List<Line> lines = new ArrayList<>();
        final List<Long> rows = new ArrayList<>();
        final List<RowIssue> issues = new ArrayList<>();
        When when;
        SalesChannel channel;
        boolean rejected;

        Group(String orderNumber, ImportRow first) {
            this.orderNumber = orderNumber;
            this.first = first;
            this.firstRow = first.row();
        }

        void error(long row, String field, String message) {
            issues.add(RowIssue.error(row, field, message));
            rejected = true;
        }

        String value(String field) {
            String v = first.value(field);
            return v == null || v.isBlank() ? null : v.strip();
        }

        /** Rejects every line; the lines without an issue of their own are told why. */
        List<RowIssue> rejectAll() {
            List<RowIssue> all = new ArrayList<>(issues);
            for (long row : rows) {
                if (all.stream().noneMatch(i -> i.row() == row && i.severity() == RowIssue.Severity.ERROR)) {
                    all.add(RowIssue.error(
                            row,
                            ORDER_NUMBER,
                            "Another line of order " + orderNumber + " was rejected, so is this one"));
                }
            }
            return all;
        }
    }

    /** The key the pipeline keeps together: the order number as written (trimmed). */
    static String orderNumber(ImportRow row) {
        String number = row.value(ORDER_NUMBER);
        return number == null || number.isBlank() ? null : number.strip();
    }

    /** Groups consecutive rows by order number and reads every line and the order's own columns. */
    static List<Group> group(List<ImportRow> rows) {
        List<Group> groups = new ArrayList<>();
        Group current = null;
        for (ImportRow row : rows) {
            String number = orderNumber(row);
            if (current == null || number == null || !number.equals(current.orderNumber)) {
                current = new Group(number, row);
                groups.add(current);
                if (number == null) {
                    current.error(row.row(), ORDER_NUMBER, "The order number is missing");
                } else if (number.length() > 100) {
                    current.error(row.row(), ORDER_NUMBER, "is longer than 100 characters");
                }
                readOrder(current);
            }
            current.rows.add(row.row());
            current.lines.add(readLine(current, row));
        }
        for (Group g : groups) {
            if (g.lines.size() > MAX_LINES) {
                g.error(g.firstRow, ORDER_NUMBER, "An order has at most " + MAX_LINES + " lines");
            }
        }
        return groups;
    }

    private static void readOrder(Group g) {
        String placed = g.value(PLACED_AT);
        if (placed == null) {
            g.error(g.firstRow, PLACED_AT, "The order time is missing");
        } else {
            g.when = when(placed);
            if (g.when == null) {
                g.error(g.firstRow, PLACED_AT, "\"" + placed + "\" is not a date and time (use 2026-06-18 14:30)");
            }
        }
        String channel = g.value(CHANNEL);
        if (channel == null) {
            g.channel = SalesChannel.STORE;
        } else {
            g.channel = CHANNELS.get(channel);
            if (g.channel == null) {
                try {
                    g.channel = SalesChannel.valueOf(channel.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    g.error(g.firstRow, CHANNEL, "\"" + channel + "\" is not one of " + List.of(SalesChannel.values()));
                }
            }
        }
        if (g.value(STORE) == null) {
            g.error(g.firstRow, STORE, "The store is missing");
        }
    }

    private static Line readLine(Group g, ImportRow row) {
        long r = row.row();
        String sku = row.value(SKU) == null ? null : row.value(SKU).strip();
        if (sku == null || sku.isEmpty()) {
            g.error(r, SKU, "The SKU is missing");
        }
        Integer quantity = null;
        String qty = row.value(QUANTITY);
        if (qty == null || qty.isBlank()) {
            g.error(r, QUANTITY, "The quantity is missing");
        } else {
            try {
                BigDecimal q = new BigDecimal(qty.strip());
                if (q.signum() <= 0
                        || q.stripTrailingZeros().scale() > 0
                        || q.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
                    g.error(r, QUANTITY, "\"" + qty + "\" is not a whole number of units above 0");
                } else {
                    quantity = q.intValueExact();
                }
            } catch (NumberFormatException | ArithmeticException e) {
                g.error(r, QUANTITY, "\"" + qty + "\" is not a number");
            }
        }
        BigDecimal unitPrice = amount(g, row, UNIT_PRICE);
        BigDecimal discount = amount(g, row, DISCOUNT);
        return new Line(r, sku, quantity, unitPrice, discount);
    }

    private static BigDecimal amount(Group g, ImportRow row, String field) {
        String text = row.value(field);
        if (text == null || text.isBlank()) {
            return null;
        }
        String clean =
                text.strip().replace(",", "").replace("¥", "").replace("￥", "").replace("元", "");
        try {
            BigDecimal amount = new BigDecimal(clean);
            if (amount.signum() < 0) {
                g.error(row.row(), field, "\"" + text + "\" must not be negative");
                return null;
            }
            if (amount.stripTrailingZeros().scale() > 2) {
                g.error(row.row(), field, "\"" + text + "\" has more than 2 decimals");
                return null;
            }
            return amount.setScale(2);
        } catch (NumberFormatException e) {
            g.error(row.row(), field, "\"" + text + "\" is not an amount");
            return null;
        }
    }

    static When when(String text) {
        String t = text.strip();
        LocalDateTime plain = plainLocal(t);
        if (plain != null) {
            return new When(null, plain);
        }
        int first = lastFormat;
        When found = when(t, first);
        for (int i = 0; found == null && i < FORMATS; i++) {
            if (i != first && (found = when(t, i)) != null) {
                lastFormat = i;
            }
        }
        return found;
    }

    /**
     * The commonest form of a till's export, {@code 2026-03-01 08:05:09} (or without the seconds), read
     * digit by digit: the formatter that reads it too costs a dozen objects a line. Null for any other
     * text, and for a date that does not exist, which the formatters then read as they always have.
     */
    private static LocalDateTime plainLocal(String t) {
        int n = t.length();
        if ((n != 19 && n != 16)
                || t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || t.charAt(10) != ' '
                || t.charAt(13) != ':'
                || (n == 19 && t.charAt(16) != ':')) {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = n == 19 ? digits(t, 17, 2) : 0;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** The number written by {@code count} ASCII digits from {@code from}, or -1. */
    private static int digits(String t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * The format that read the last order time: a file keeps one format, so it is tried first and the
     * others (each failure an exception) only when it does not fit.
     */
    private static volatile int lastFormat = 0;

    private static final int FORMATS = 1 + DATE_TIMES.size() + DATES.size();

    /** The text in format {@code i} (ISO with an offset, then the date-times, then the dates), or null. */
    private static When when(String t, int i) {
        try {
            if (i == 0) {
                return new When(OffsetDateTime.parse(t).toInstant(), null);
            }
            if (i <= DATE_TIMES.size()) {
                return new When(null, LocalDateTime.parse(t, DATE_TIMES.get(i - 1)));
            }
            return new When(
                    null,
                    LocalDate.parse(t, DATES.get(i - 1 - DATE_TIMES.size())).atStartOfDay());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
