package io.guanxi.loyalty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a tier gives: a discount rate on orders, 满减 reductions (spend X, get Y off; the best one
 * met applies on what is left after the rate), a birthday pack, free services, priority service and
 * a dedicated advisor. The birthday pack is what a member is given on their birthday, once a year:
 * the coupon of a template and/or points; its text describes it (and any gift handed over in store).
 *
 * @param discountRate share of the order taken off (0.05 = 5% off, i.e. 95折)
 * @param birthdayPack what the birthday pack holds, in words
 * @param birthdayPoints points the birthday pack gives (0 = none)
 * @param birthdayCouponTemplateId the coupon template whose coupon the birthday pack holds (null = none)
 */
public record TierBenefits(
        BigDecimal discountRate,
        List<Reduction> reductions,
        String birthdayPack,
        long birthdayPoints,
        String freeServices,
        boolean priorityService,
        boolean dedicatedAdvisor,
        Long birthdayCouponTemplateId) {

    public TierBenefits {
        discountRate = discountRate == null ? BigDecimal.ZERO : discountRate;
        reductions = reductions == null
                ? List.of()
                : reductions.stream()
                        .sorted(Comparator.comparing(Reduction::spendFrom))
                        .toList();
    }

    /** Benefits whose birthday pack holds no coupon. */
    public TierBenefits(
            BigDecimal discountRate,
            List<Reduction> reductions,
            String birthdayPack,
            long birthdayPoints,
            String freeServices,
            boolean priorityService,
            boolean dedicatedAdvisor) {
        this(
                discountRate,
                reductions,
                birthdayPack,
                birthdayPoints,
                freeServices,
                priorityService,
                dedicatedAdvisor,
                null);
    }

    /** Whether the birthday pack gives anything (a coupon or points). */
    public boolean givesBirthdayPack() {
        return birthdayCouponTemplateId != null || birthdayPoints > 0;
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
