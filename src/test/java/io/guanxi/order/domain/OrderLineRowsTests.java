package io.guanxi.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.guanxi.imports.ImportRow;
import io.guanxi.imports.RowIssue;
import io.guanxi.order.SalesChannel;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderLineRowsTests {

    private static ImportRow row(long n, String order, String sku, String qty, String... more) {
        Map<String, String> values = new HashMap<>();
        values.put(OrderLineRows.ORDER_NUMBER, order);
        values.put(OrderLineRows.PLACED_AT, "2026-06-18 14:30");
        values.put(OrderLineRows.STORE, "SH");
        values.put(OrderLineRows.SKU, sku);
        values.put(OrderLineRows.QUANTITY, qty);
        for (int i = 0; i < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        values.values().removeIf(v -> v == null);
        return new ImportRow(n, values);
    }

    @Test
    void groupsConsecutiveRowsOfOneOrderNumber() {
        List<OrderLineRows.Group> groups = OrderLineRows.group(List.of(
                row(2, "A", "S1", "1"), row(3, "A", "S2", "2"), row(4, "B", "S1", "1"), row(5, "A", "S3", "1")));

        assertThat(groups).extracting(g -> g.orderNumber).containsExactly("A", "B", "A");
        assertThat(groups.get(0).lines).extracting(OrderLineRows.Line::sku).containsExactly("S1", "S2");
        assertThat(groups.get(0).rows).containsExactly(2L, 3L);
        assertThat(groups).allMatch(g -> !g.rejected);
    }

    @Test
    void takesTheOrdersOwnColumnsFromItsFirstLine() {
        OrderLineRows.Group g = OrderLineRows.group(List.of(
                        row(2, " A-1 ", "S1", "1", OrderLineRows.CHANNEL, "线上", OrderLineRows.PAYMENT, "支付宝"),
                        row(3, "A-1", "S2", "3", OrderLineRows.CHANNEL, "门店")))
                .get(0);

        assertThat(g.orderNumber).isEqualTo("A-1");
        assertThat(g.channel).isEqualTo(SalesChannel.ONLINE);
        assertThat(g.value(OrderLineRows.PAYMENT)).isEqualTo("支付宝");
        assertThat(g.when.local()).isEqualTo(LocalDateTime.of(2026, 6, 18, 14, 30));
    }

    @Test
    void readsAmountsAndQuantitiesAsWritten() {
        OrderLineRows.Line line = OrderLineRows.group(List.of(
                        row(2, "A", "S1", "3", OrderLineRows.UNIT_PRICE, "¥1,299.5", OrderLineRows.DISCOUNT, "10")))
                .get(0)
                .lines
                .get(0);

        assertThat(line.quantity()).isEqualTo(3);
        assertThat(line.unitPrice()).isEqualByComparingTo(new BigDecimal("1299.50"));
        assertThat(line.discount()).isEqualByComparingTo(new BigDecimal("10.00"));
    }

    @Test
    void reportsEachBadValueAgainstItsColumnAndRejectsTheWholeOrder() {
        OrderLineRows.Group g = OrderLineRows.group(List.of(
                        row(2, "A", "S1", "1"),
                        row(3, "A", null, "1.5", OrderLineRows.UNIT_PRICE, "-3"),
                        row(4, "A", "S3", "zwei", OrderLineRows.DISCOUNT, "1.234")))
                .get(0);

        assertThat(g.rejected).isTrue();
        assertThat(g.rejectAll())
                .extracting(i -> i.row() + " " + i.field())
                .containsExactlyInAnyOrder(
                        "3 sku", "3 quantity", "3 unitPrice", "4 quantity", "4 discount", "2 orderNumber");
        assertThat(g.rejectAll()).allMatch(i -> i.severity() == RowIssue.Severity.ERROR);
    }

    @Test
    void rejectsAMissingOrderNumberTimeOrStoreAndAnUnknownChannel() {
        Map<String, String> values = new HashMap<>();
        values.put(OrderLineRows.SKU, "S1");
        values.put(OrderLineRows.QUANTITY, "1");
        values.put(OrderLineRows.CHANNEL, "carrier pigeon");
        OrderLineRows.Group g =
                OrderLineRows.group(List.of(new ImportRow(7, values))).get(0);

        assertThat(g.issues)
                .extracting(RowIssue::field)
                .containsExactlyInAnyOrder(
                        OrderLineRows.ORDER_NUMBER,
                        OrderLineRows.PLACED_AT,
                        OrderLineRows.STORE,
                        OrderLineRows.CHANNEL);
    }

    @Test
    void readsTimesWithAnOffsetAsInstantsAndOthersInTheStoresZone() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");

        assertThat(OrderLineRows.when("2026-06-18T06:30:00Z").in(shanghai))
                .isEqualTo(Instant.parse("2026-06-18T06:30:00Z"));
        assertThat(OrderLineRows.when("2026/6/18 14:30:00").in(shanghai))
                .isEqualTo(Instant.parse("2026-06-18T06:30:00Z"));
        assertThat(OrderLineRows.when("2026年6月18日 14:30").in(shanghai))
                .isEqualTo(Instant.parse("2026-06-18T06:30:00Z"));
        assertThat(OrderLineRows.when("2026-06-18").in(shanghai)).isEqualTo(Instant.parse("2026-06-17T16:00:00Z"));
        assertThat(OrderLineRows.when("18.06.2026 noon")).isNull();
    }

    @Test
    void readsATillsPlainLocalTimesAsTheFormattersDo() {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");

        assertThat(OrderLineRows.when(" 2026-06-18 14:30:05 ").in(shanghai))
                .isEqualTo(Instant.parse("2026-06-18T06:30:05Z"));
        assertThat(OrderLineRows.when("2026-06-18 14:30").in(shanghai))
                .isEqualTo(Instant.parse("2026-06-18T06:30:00Z"));
        assertThat(OrderLineRows.when("2026-04-31 10:00:00").in(shanghai))
                .as("a day the month does not have, resolved by the formatter as before")
                .isEqualTo(Instant.parse("2026-04-30T02:00:00Z"));
        assertThat(OrderLineRows.when("2026-06-18 25:00:00")).isNull();
        assertThat(OrderLineRows.when("2026-06-1x 10:00:00")).isNull();
    }
}
