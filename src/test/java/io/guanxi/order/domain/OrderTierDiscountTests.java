package io.guanxi.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.guanxi.loyalty.TierBenefits;
import io.guanxi.order.PlaceOrder;
import io.guanxi.order.ProductView;
import io.guanxi.order.RefundOrder;
import io.guanxi.order.SalesChannel;
import io.guanxi.shared.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tier discount priced into an order: before points, shown on the order, refunded in proportion. */
class OrderTierDiscountTests {

    private static final Map<String, ProductView> CATALOGUE = Map.of(
            "OIL", new ProductView(1, "OIL", "机油", "PARTS", "配件", Money.yuan("600.00"), true),
            "WASH", new ProductView(2, "WASH", "洗车", "SERVICE", "服务", Money.yuan("100.00"), true));

    private static final TierBenefits GOLD = new TierBenefits(
            new BigDecimal("0.05"),
            List.of(new TierBenefits.Reduction(new BigDecimal("1000"), new BigDecimal("50"))),
            null,
            0,
            null,
            false,
            false);

    private static Order order() {
        PlaceOrder command = new PlaceOrder(
                1L,
                1L,
                SalesChannel.STORE,
                null,
                null,
                List.of(new PlaceOrder.Line("OIL", 2, null, null), new PlaceOrder.Line("WASH", 2, null, null)),
                null,
                null,
                null,
                0L,
                null,
                List.of());
        return Order.draft(
                command, CATALOGUE, "CNY", Instant.parse("2026-11-22T08:00:00Z"), ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void theTierDiscountLowersWhatIsLeftToPayBeforePoints() {
        Order order = order();
        order.applyTierDiscount("GOLD", GOLD.discountOn(order.payable()));
        // 1400 − 70 (5%) = 1330 ≥ 1000 → 50 more off
        assertThat(order.tierDiscount()).isEqualByComparingTo("120.00");
        assertThat(order.payable()).isEqualByComparingTo("1280.00");
        order.payWithPoints(10_000, Money.yuan("100.00"));
        assertThat(order.payable()).isEqualByComparingTo("1180.00");
        order.stored(42);
        assertThat(order.view(List.of()).tier()).isEqualTo("GOLD");
        assertThat(order.view(List.of()).tierDiscount().amount()).isEqualByComparingTo("120.00");
    }

    @Test
    void refundsPayBackThePaidShareAfterTheTierDiscount() {
        Order order = order();
        order.applyTierDiscount("GOLD", GOLD.discountOn(order.payable()));
        Order.Refund washes = order.refund(new RefundOrder(List.of(new RefundOrder.Line(2, 2)), null));
        // 200 of 1400 refunded: 1/7 of the 1280 paid
        assertThat(washes.amount()).isEqualByComparingTo("182.86");
        Order.Refund rest = order.refund(new RefundOrder(List.of(), null));
        assertThat(washes.amount().add(rest.amount())).isEqualByComparingTo("1280.00");
    }

    @Test
    void paidPerCategoryFollowsTheDiscount() {
        Order order = order();
        order.applyTierDiscount("GOLD", GOLD.discountOn(order.payable()));
        BigDecimal paid =
                order.paidPerCategory().stream().map(c -> c.amount().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(paid).isEqualByComparingTo("1280.00");
    }
}
