package io.guanxi.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guanxi.order.OrderStatus;
import io.guanxi.order.PlaceOrder;
import io.guanxi.order.ProductView;
import io.guanxi.order.RefundOrder;
import io.guanxi.order.SalesChannel;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Map<String, ProductView> CATALOGUE = Map.of(
            "TEA", new ProductView(1, "TEA", "茶", "DRINK", "饮品", Money.yuan("10.00"), true),
            "CAKE", new ProductView(2, "CAKE", "蛋糕", "FOOD", "食品", Money.yuan("20.00"), true),
            "OLD", new ProductView(3, "OLD", "停售", "FOOD", "食品", Money.yuan("5.00"), false));

    private static PlaceOrder command(List<PlaceOrder.Line> lines, Money discount, Money coupon) {
        return new PlaceOrder(
                1L,
                1L,
                SalesChannel.STORE,
                null,
                null,
                lines,
                discount,
                coupon == null ? null : "C1",
                coupon,
                0L,
                null,
                List.of());
    }

    private static Order draft(PlaceOrder command) {
        return Order.draft(command, CATALOGUE, "CNY", Instant.parse("2026-11-22T17:30:00Z"), SHANGHAI);
    }

    @Test
    void pricesLinesDiscountsCouponAndPoints() {
        Order order = draft(command(
                List.of(
                        new PlaceOrder.Line("TEA", 3, null, Money.yuan("1.00")),
                        new PlaceOrder.Line("CAKE", 1, null, null)),
                Money.yuan("2.00"),
                Money.yuan("3.00")));
        assertThat(order.subtotal()).isEqualByComparingTo("49.00");
        assertThat(order.payable()).isEqualByComparingTo("44.00");
        assertThat(order.businessDate()).as("the store's date, not UTC's").isEqualTo(LocalDate.of(2026, 11, 23));
        order.payWithPoints(500, Money.yuan("5.00"));
        assertThat(order.payable()).isEqualByComparingTo("39.00");
        assertThat(order.paidPerCategory())
                .extracting(c -> c.category(), c -> c.amount().amount())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("DRINK", new BigDecimal("23.08")),
                        org.assertj.core.groups.Tuple.tuple("FOOD", new BigDecimal("15.92")));
    }

    @Test
    void refusesUnknownOrUnavailableProductsAndDiscountsAboveTheLine() {
        assertThatThrownBy(() -> draft(command(
                        List.of(new PlaceOrder.Line("NOPE", 1, null, null), new PlaceOrder.Line("OLD", 1, null, null)),
                        null,
                        null)))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.fieldProblems())
                                .extracting(InvalidRequestException.FieldProblem::field)
                                .containsExactly("lines[0].sku", "lines[1].sku"));
        assertThatThrownBy(() ->
                        draft(command(List.of(new PlaceOrder.Line("TEA", 1, null, Money.yuan("10.01"))), null, null)))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() ->
                        draft(command(List.of(new PlaceOrder.Line("TEA", 1, null, null)), Money.yuan("11"), null)))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void partialRefundsAddUpToExactlyWhatWasPaid() {
        Order order = draft(command(List.of(new PlaceOrder.Line("TEA", 3, null, null)), Money.yuan("0.01"), null));
        assertThat(order.payable()).isEqualByComparingTo("29.99");
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < 3; i++) {
            Order.Refund refund = order.refund(new RefundOrder(List.of(new RefundOrder.Line(1, 1)), null));
            total = total.add(refund.amount());
            assertThat(order.status()).isEqualTo(i < 2 ? OrderStatus.PARTIALLY_REFUNDED : OrderStatus.REFUNDED);
            if (i == 2) {
                assertThat(refund.shareAfter()).isEqualByComparingTo("1");
            }
        }
        assertThat(total).isEqualByComparingTo("29.99");
        assertThatThrownBy(() -> order.refund(new RefundOrder(List.of(), null)))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void whatWasRefundedPerCategoryAddsUpWithTheRefunds() {
        Order order = draft(command(
                List.of(new PlaceOrder.Line("TEA", 2, null, null), new PlaceOrder.Line("CAKE", 1, null, null)),
                null,
                null));
        assertThat(order.refundedPerCategory()).isEmpty();
        order.refund(new RefundOrder(List.of(new RefundOrder.Line(1, 1)), null));
        assertThat(order.refundedPerCategory())
                .extracting(c -> c.category(), c -> c.amount().amount())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DRINK", new BigDecimal("10.00")));
        order.refund(new RefundOrder(List.of(new RefundOrder.Line(2, 1), new RefundOrder.Line(1, 1)), null));
        assertThat(order.refundedPerCategory())
                .extracting(c -> c.category(), c -> c.amount().amount())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("DRINK", new BigDecimal("20.00")),
                        org.assertj.core.groups.Tuple.tuple("FOOD", new BigDecimal("20.00")));
    }

    @Test
    void aCouponOnSomeLinesIsTakenOffThoseOnlySoARefundOfAFreeLinePaysNothing() {
        Order order = draft(command(
                List.of(new PlaceOrder.Line("TEA", 1, null, null), new PlaceOrder.Line("CAKE", 1, null, null)),
                Money.yuan("3.00"),
                Money.yuan("20.00")));
        order.allocateCoupon(List.of(new BigDecimal("0.00"), new BigDecimal("20.00")));
        assertThat(order.payable()).isEqualByComparingTo("7.00");
        assertThat(order.paidPerCategory())
                .extracting(c -> c.category(), c -> c.amount().amount())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("DRINK", new BigDecimal("7.00")),
                        org.assertj.core.groups.Tuple.tuple("FOOD", new BigDecimal("0.00")));
        Order.Refund cake = order.refund(new RefundOrder(List.of(new RefundOrder.Line(2, 1)), null));
        assertThat(cake.amount()).as("the cake was free").isEqualByComparingTo("0.00");
        assertThat(cake.shareAfter()).isEqualByComparingTo("0");
        Order.Refund tea = order.refund(new RefundOrder(List.of(new RefundOrder.Line(1, 1)), null));
        assertThat(tea.amount()).isEqualByComparingTo("7.00");
        assertThatThrownBy(() -> order.allocateCoupon(List.of(new BigDecimal("5.00"), new BigDecimal("5.00"))))
                .as("shares must add up to the coupon")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOrderWhoseCouponWasNotPutOnLinesSpreadsItOverAllOfThem() {
        Order order = draft(command(
                List.of(new PlaceOrder.Line("TEA", 1, null, null), new PlaceOrder.Line("CAKE", 1, null, null)),
                null,
                Money.yuan("6.00")));
        assertThat(order.paidPerCategory())
                .extracting(c -> c.category(), c -> c.amount().amount())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("DRINK", new BigDecimal("8.00")),
                        org.assertj.core.groups.Tuple.tuple("FOOD", new BigDecimal("16.00")));
        assertThat(order.refund(new RefundOrder(List.of(new RefundOrder.Line(2, 1)), null))
                        .amount())
                .isEqualByComparingTo("16.00");
    }

    @Test
    void refusesToRefundMoreUnitsThanAreLeft() {
        Order order = draft(command(List.of(new PlaceOrder.Line("CAKE", 2, null, null)), null, null));
        order.refund(new RefundOrder(List.of(new RefundOrder.Line(1, 1)), null));
        assertThatThrownBy(() -> order.refund(new RefundOrder(List.of(new RefundOrder.Line(1, 2)), null)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("only 1");
        Order.Refund rest = order.refund(new RefundOrder(List.of(), null));
        assertThat(rest.amount()).isEqualByComparingTo("20.00");
        assertThat(order.refunded()).isEqualByComparingTo("40.00");
    }

    @Test
    void onlyAnOrderWithoutRefundsCanBeCancelledAndACancelledOrderTakesNoRefund() {
        Order order = draft(command(List.of(new PlaceOrder.Line("CAKE", 2, null, null)), null, null));
        Order.Refund all = order.cancel();
        assertThat(all.amount()).isEqualByComparingTo("40.00");
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThatThrownBy(order::cancel).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> order.refund(new RefundOrder(List.of(), null)))
                .isInstanceOf(InvalidRequestException.class);

        Order partly = draft(command(List.of(new PlaceOrder.Line("CAKE", 2, null, null)), null, null));
        partly.refund(new RefundOrder(List.of(new RefundOrder.Line(1, 1)), null));
        assertThatThrownBy(partly::cancel).isInstanceOf(InvalidRequestException.class);
    }
}
