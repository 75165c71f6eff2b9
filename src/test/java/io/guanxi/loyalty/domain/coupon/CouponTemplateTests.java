package io.guanxi.loyalty.domain.coupon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guanxi.loyalty.CouponKind;
import io.guanxi.loyalty.CouponLine;
import io.guanxi.loyalty.NewCouponTemplate;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CouponTemplateTests {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z"); // 10:00 in Shanghai

    static TemplateBuilder template(CouponKind kind) {
        return new TemplateBuilder(kind);
    }

    static CouponTemplate define(NewCouponTemplate t) {
        return CouponTemplate.define(t, "CNY", NOW);
    }

    static CouponLine line(String sku, String category, int quantity, String net) {
        return new CouponLine(sku, category, quantity, Money.yuan(net));
    }

    static final List<CouponLine> ORDER = List.of(
            line("WASH", "SERVICE", 2, "60.00"),
            line("OIL", "PARTS", 1, "180.00"),
            line("MAT", "ACCESSORY", 1, "40.00"));

    static BigDecimal off(CouponTemplate t, List<CouponLine> lines, String payable) {
        return t.discount(lines, Money.yuan(payable));
    }

    @Test
    void amountOffTakesItsAmountButNeverMoreThanIsLeftToPay() {
        CouponTemplate t =
                define(template(CouponKind.AMOUNT_OFF).amountOff("50").days(30).build());
        assertThat(off(t, ORDER, "280.00")).isEqualByComparingTo("50.00");
        assertThat(off(t, List.of(line("MAT", "ACCESSORY", 1, "40.00")), "40.00"))
                .isEqualByComparingTo("40.00");
        assertThat(off(t, ORDER, "30.00")).isEqualByComparingTo("30.00");
    }

    @Test
    void percentOffIsRoundedHalfUpAndCapped() {
        CouponTemplate t = define(template(CouponKind.PERCENT_OFF)
                .percent("15")
                .cap("30")
                .days(30)
                .build());
        assertThat(off(t, List.of(line("MAT", "ACCESSORY", 1, "40.10")), "40.10"))
                .isEqualByComparingTo("6.02");
        assertThat(off(t, ORDER, "280.00")).isEqualByComparingTo("30.00");
    }

    @Test
    void percentOffCountsOnlyTheApplicableCategories() {
        CouponTemplate t = define(template(CouponKind.PERCENT_OFF)
                .percent("10")
                .cap("100")
                .categories("service")
                .days(30)
                .build());
        assertThat(off(t, ORDER, "280.00")).isEqualByComparingTo("6.00");
    }

    @Test
    void thresholdNeedsTheMinimumSpendOfQualifyingProducts() {
        CouponTemplate t = define(template(CouponKind.THRESHOLD)
                .amountOff("30")
                .minSpend("200")
                .days(30)
                .build());
        assertThat(off(t, ORDER, "280.00")).isEqualByComparingTo("30.00");
        assertThat(off(t, ORDER, "200.00")).isEqualByComparingTo("30.00");
        assertThatThrownBy(() -> off(t, ORDER, "199.99"))
                .isInstanceOf(CouponTemplate.NotApplicable.class)
                .hasMessageContaining("200.00");
        CouponTemplate partsOnly = define(template(CouponKind.THRESHOLD)
                .amountOff("30")
                .minSpend("200")
                .categories("PARTS")
                .days(30)
                .build());
        assertThatThrownBy(() -> off(partsOnly, ORDER, "280.00")).isInstanceOf(CouponTemplate.NotApplicable.class);
    }

    @Test
    void freeServiceTakesOneUnitOfTheCheapestQualifyingLine() {
        CouponTemplate t = define(template(CouponKind.FREE_SERVICE)
                .skus("WASH", "POLISH")
                .days(30)
                .build());
        assertThat(off(t, ORDER, "280.00")).isEqualByComparingTo("30.00");
        assertThatThrownBy(() -> off(t, List.of(line("OIL", "PARTS", 1, "180.00")), "180.00"))
                .isInstanceOf(CouponTemplate.NotApplicable.class);
    }

    @Test
    void aDiscountGoesOnTheLinesItAppliesToInCentsThatAddUp() {
        CouponTemplate everything =
                define(template(CouponKind.AMOUNT_OFF).amountOff("10").days(30).build());
        assertThat(everything.allocate(ORDER, new BigDecimal("10.00")))
                .as("60 : 180 : 40 of 10, the cents left over to the largest lines")
                .containsExactly(new BigDecimal("2.15"), new BigDecimal("6.43"), new BigDecimal("1.42"));
        CouponTemplate service = define(template(CouponKind.PERCENT_OFF)
                .percent("10")
                .cap("100")
                .categories("service")
                .days(30)
                .build());
        assertThat(service.allocate(ORDER, new BigDecimal("6.00")))
                .containsExactly(new BigDecimal("6.00"), new BigDecimal("0.00"), new BigDecimal("0.00"));
        CouponTemplate free = define(
                template(CouponKind.FREE_SERVICE).skus("WASH", "MAT").days(30).build());
        assertThat(free.allocate(ORDER, new BigDecimal("30.00")))
                .as("the line of the cheapest unit")
                .containsExactly(new BigDecimal("30.00"), new BigDecimal("0.00"), new BigDecimal("0.00"));
    }

    @Test
    void inACurrencyWithoutCentsTheSharesAreWholeAndAddUp() {
        CouponTemplate yen = CouponTemplate.define(
                template(CouponKind.AMOUNT_OFF).amountOff("100").days(30).build(), "JPY", NOW);
        List<CouponLine> lines = List.of(
                new CouponLine("A", "FOOD", 1, new Money(new BigDecimal("100"), "JPY")),
                new CouponLine("B", "FOOD", 1, new Money(new BigDecimal("100"), "JPY")),
                new CouponLine("C", "FOOD", 1, new Money(new BigDecimal("100"), "JPY")));
        assertThat(yen.allocate(lines, new BigDecimal("100")))
                .containsExactly(new BigDecimal("34"), new BigDecimal("33"), new BigDecimal("33"));
    }

    @Test
    void giftTakesNothingOffButMustApply() {
        CouponTemplate t = define(template(CouponKind.GIFT)
                .benefit("车载香薰")
                .minSpend("100")
                .days(30)
                .build());
        assertThat(off(t, ORDER, "280.00")).isEqualByComparingTo("0.00");
        assertThatThrownBy(() -> off(t, List.of(line("MAT", "ACCESSORY", 1, "40.00")), "40.00"))
                .isInstanceOf(CouponTemplate.NotApplicable.class);
    }

    @Test
    void refusesAnOrderInAnotherCurrency() {
        CouponTemplate t =
                define(template(CouponKind.AMOUNT_OFF).amountOff("50").days(30).build());
        assertThatThrownBy(() -> t.discount(ORDER, Money.of("280.00", "USD")))
                .isInstanceOf(CouponTemplate.NotApplicable.class);
    }

    @Test
    void relativeValidityRunsToTheEndOfTheNthDayAfterIssueInTheBusinessZone() {
        CouponTemplate t =
                define(template(CouponKind.AMOUNT_OFF).amountOff("50").days(7).build());
        CouponTemplate.Validity validity = t.validity(NOW, SHANGHAI);
        Instant until = Instant.parse("2026-11-30T16:00:00Z"); // 2026-12-01 00:00 in Shanghai
        assertThat(validity.from()).isEqualTo(NOW);
        assertThat(validity.until()).isEqualTo(until);
        assertThat(validity.contains(NOW)).isTrue();
        assertThat(validity.contains(NOW.minusMillis(1))).isFalse();
        assertThat(validity.contains(until.minusMillis(1))).isTrue();
        assertThat(validity.contains(until)).isFalse();
        // issued at 23:30 local time (still the 23rd), so the same last day
        assertThat(t.validity(Instant.parse("2026-11-23T15:30:00Z"), SHANGHAI).until())
                .isEqualTo(until);
        // issued at 00:30 local on the 24th: one day later
        assertThat(t.validity(Instant.parse("2026-11-23T16:30:00Z"), SHANGHAI).until())
                .isEqualTo(until.plusSeconds(86_400));
    }

    @Test
    void fixedValidityIsTheTemplatesWindowWhenEverIssued() {
        Instant from = Instant.parse("2026-12-01T16:00:00Z");
        Instant until = Instant.parse("2026-12-31T16:00:00Z");
        CouponTemplate t = define(template(CouponKind.AMOUNT_OFF)
                .amountOff("50")
                .window(from, until)
                .build());
        CouponTemplate.Validity validity = t.validity(NOW, SHANGHAI);
        assertThat(validity.from()).isEqualTo(from);
        assertThat(validity.until()).isEqualTo(until);
        assertThat(validity.contains(NOW)).isFalse();
        assertThat(validity.contains(from)).isTrue();
        assertThat(validity.contains(until.minusNanos(1))).isTrue();
        assertThat(validity.contains(until)).isFalse();
    }

    @Test
    void refusesIncompleteTerms() {
        assertThatThrownBy(() -> define(
                        template(CouponKind.PERCENT_OFF).percent("10").days(5).build()))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).fieldProblems())
                        .extracting(InvalidRequestException.FieldProblem::field)
                        .containsExactly("maxDiscount"));
        assertThatThrownBy(() -> define(template(CouponKind.THRESHOLD)
                        .amountOff("300")
                        .minSpend("200")
                        .days(5)
                        .build()))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() ->
                        define(template(CouponKind.AMOUNT_OFF).amountOff("10").build()))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> define(template(CouponKind.AMOUNT_OFF)
                        .amountOff("10")
                        .days(3)
                        .window(null, NOW.plusSeconds(60))
                        .build()))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> define(template(CouponKind.AMOUNT_OFF)
                        .amountOff("10")
                        .window(null, NOW.minusSeconds(60))
                        .build()))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(
                        () -> define(template(CouponKind.FREE_SERVICE).days(3).build()))
                .isInstanceOf(InvalidRequestException.class);
    }
}
