package io.guanxi.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class TierBenefitsTests {

    private static final TierBenefits GOLD = new TierBenefits(
            new BigDecimal("0.05"),
            List.of(
                    new TierBenefits.Reduction(new BigDecimal("3000"), new BigDecimal("200")),
                    new TierBenefits.Reduction(new BigDecimal("1000"), new BigDecimal("50"))),
            null,
            0,
            null,
            true,
            false);

    private static BigDecimal off(TierBenefits benefits, String amount) {
        return benefits.discountOn(new BigDecimal(amount));
    }

    @Test
    void takesTheRateThenTheBestReductionTheRestReaches() {
        // 1200 − 5% = 1140 ≥ 1000 → 60 + 50
        assertThat(off(GOLD, "1200.00")).isEqualByComparingTo("110.00");
        // 3100 − 155 = 2945 < 3000 → only the 1000 reduction
        assertThat(off(GOLD, "3100.00")).isEqualByComparingTo("205.00");
        // 3200 − 160 = 3040 ≥ 3000 → 160 + 200
        assertThat(off(GOLD, "3200.00")).isEqualByComparingTo("360.00");
    }

    @Test
    void roundsTheRateHalfUpToCents() {
        assertThat(off(GOLD, "10.10")).isEqualByComparingTo("0.51");
        assertThat(off(GOLD, "0.10")).isEqualByComparingTo("0.01");
    }

    @Test
    void neverTakesMoreThanTheAmountNorAnythingOffNothing() {
        TierBenefits generous = new TierBenefits(
                BigDecimal.ZERO,
                List.of(new TierBenefits.Reduction(new BigDecimal("10"), new BigDecimal("9.99"))),
                null,
                0,
                null,
                false,
                false);
        assertThat(off(generous, "10.00")).isEqualByComparingTo("9.99");
        assertThat(off(GOLD, "0")).isEqualByComparingTo("0");
        assertThat(off(TierBenefits.none(), "5000")).isEqualByComparingTo("0");
    }
}
