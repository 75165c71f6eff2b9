package io.guanxi.loyalty.domain;

import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** What points are worth as a cash deduction on an order, and how many one order may use. */
public final class CashValue {

    private final LoyaltyProperties properties;

    public CashValue(LoyaltyProperties properties) {
        this.properties = properties;
    }

    /** The cash value of points (rounded down to the currency's smallest unit). */
    public Money of(long points, String currency) {
        BigDecimal value = BigDecimal.valueOf(points)
                .divide(BigDecimal.valueOf(properties.pointsPerCashUnit()), 10, RoundingMode.DOWN);
        int digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
        return new Money(value.setScale(Math.max(digits, 0), RoundingMode.DOWN), currency);
    }

    /** The points needed for a cash amount. */
    public long pointsFor(Money cash) {
        return cash.amount()
                .multiply(BigDecimal.valueOf(properties.pointsPerCashUnit()))
                .setScale(0, RoundingMode.UP)
                .longValueExact();
    }

    /**
     * The deduction for using {@code points} on an order of {@code orderAmount}; refuses more points
     * than the per-order cap, a deduction above the allowed share of the order, or points that are
     * not a whole number of the smallest currency unit.
     */
    public Money deduction(long points, Money orderAmount) {
        if (points < 0) {
            throw InvalidRequestException.forField("pointsToRedeem", "must be 0 or more");
        }
        if (points == 0) {
            return new Money(BigDecimal.ZERO, orderAmount.currency());
        }
        if (properties.maxPointsPerOrder() > 0 && points > properties.maxPointsPerOrder()) {
            throw InvalidRequestException.forField(
                    "pointsToRedeem", "at most " + properties.maxPointsPerOrder() + " points per order");
        }
        Money value = of(points, orderAmount.currency());
        if (pointsFor(value) != points) {
            throw InvalidRequestException.forField(
                    "pointsToRedeem",
                    "must buy a whole number of cents (" + properties.pointsPerCashUnit() + " points = 1 "
                            + orderAmount.currency() + ")");
        }
        BigDecimal cap = orderAmount.amount().multiply(properties.maxDeductionShare());
        if (value.amount().compareTo(cap) > 0) {
            throw InvalidRequestException.forField(
                    "pointsToRedeem",
                    "points may pay at most "
                            + properties
                                    .maxDeductionShare()
                                    .movePointRight(2)
                                    .stripTrailingZeros()
                                    .toPlainString() + "% of the order");
        }
        return value;
    }
}
