package io.guanxi.loyalty;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * One membership tier: its code (stable; stored on accounts), rank (1 = lowest), names, the
 * thresholds that qualify for it over the rolling window (any one met; null = not a criterion; the
 * lowest tier has none), the points multiplier and the benefits.
 */
public record TierView(
        String code,
        int rank,
        String nameZh,
        String nameEn,
        BigDecimal minSpend,
        Integer minOrders,
        Long minPoints,
        BigDecimal pointsMultiplier,
        TierBenefits benefits) {

    /** The name in a language (Chinese unless English is asked for). */
    public String name(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameZh;
    }

    /** Whether activity over the window reaches any threshold of this tier. */
    public boolean qualifies(WindowActivity activity) {
        return (minSpend != null && activity.spend().compareTo(minSpend) >= 0)
                || (minOrders != null && activity.orders() >= minOrders)
                || (minPoints != null && activity.points() >= minPoints);
    }

    /** Whether the tier needs no qualification (the lowest). */
    public boolean open() {
        return minSpend == null && minOrders == null && minPoints == null;
    }
}
