package io.guanxi.loyalty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a tier gives: a discount rate on orders, 满减 reductions (spend X, get Y off; the best one
 * met applies on what is left after the rate), a birthday pack with its points, free services,
 * priority service and a dedicated advisor.
 *
 * @param discountRate share of the order taken off (0.05 = 5% off, i.e. 95折)
 */
public record TierBenefits(
        BigDecimal discountRate,
        List<Reduction> reductions,
        String birthdayPack,
        long birthdayPoints,
        String freeServices,
        boolean priorityService,
        boolean dedicatedAdvisor) {

    public TierBenefits {
        discountRate = discountRate == null ? BigDecimal.ZERO : discountRate;
        reductions = reductions == null
                ? List.of()
                : reductions.stream()
                        .sorted(Comparator.comparing(Reduction::spendFrom))
                        .toList();
    }

    /** 满减: an order of at least {@code spendFrom} gets {@code amountOff} off. */
    public record Reduction(BigDecimal spendFrom, BigDecimal amountOff) {}

    /** No benefits at all. */
    public static TierBenefits none() {
        return new TierBenefits(BigDecimal.ZERO, List.of(), null, 0, null, false, false);
    }

    /** The part of an order amount the rate takes off, rounded half up to cents. */
    public BigDecimal rateDiscountOn(BigDecimal amount) {
        if (amount.signum() <= 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return amount.multiply(discountRate).setScale(2, RoundingMode.HALF_UP);
    }

    /** The best 满减 reduction an amount (after the rate) reaches, if any. */
    public Optional<Reduction> bestReductionFor(BigDecimal amount) {
        return reductions.stream()
                .filter(r -> amount.compareTo(r.spendFrom()) >= 0)
                .max(Comparator.comparing(Reduction::amountOff));
    }

    /** All the tier takes off an order amount: the rate, then the best reduction; never more than the amount. */
    public BigDecimal discountOn(BigDecimal amount) {
        BigDecimal rate = rateDiscountOn(amount);
        BigDecimal afterRate = amount.subtract(rate);
        BigDecimal off = bestReductionFor(afterRate).map(Reduction::amountOff).orElse(BigDecimal.ZERO);
        return rate.add(off).min(amount.max(BigDecimal.ZERO)).setScale(2, RoundingMode.HALF_UP);
    }
}
