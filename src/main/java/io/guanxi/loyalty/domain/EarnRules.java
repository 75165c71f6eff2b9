package io.guanxi.loyalty.domain;

import io.guanxi.loyalty.PurchaseEarning;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The earning rules: points for a purchase (rate per currency unit, per category, then the tier,
 * campaign and birthday-month multipliers, rounded down once at the end), when earned points become
 * spendable, and when they expire.
 */
public final class EarnRules {

    private final LoyaltyProperties properties;

    public EarnRules(LoyaltyProperties properties) {
        this.properties = properties;
    }

    public long pointsFor(PurchaseEarning purchase, String tier, LocalDate birthday) {
        return pointsFor(purchase, properties.tierMultipliers().getOrDefault(tier, BigDecimal.ONE), birthday);
    }

    /** Points for a purchase with the multiplier of the customer's tier (configured with the tiers). */
    public long pointsFor(PurchaseEarning purchase, BigDecimal tierMultiplier, LocalDate birthday) {
        BigDecimal base = BigDecimal.ZERO;
        for (PurchaseEarning.CategoryAmount line : purchase.amounts()) {
            if (line.amount().amount().signum() <= 0) {
                continue;
            }
            BigDecimal category = properties.categoryMultipliers().getOrDefault(line.category(), BigDecimal.ONE);
            base = base.add(line.amount().amount().multiply(category));
        }
        BigDecimal points = base.multiply(properties.pointsPerUnit())
                .multiply(tierMultiplier)
                .multiply(campaignMultiplier(purchase.campaign(), purchase.occurredAt()));
        if (inBirthdayMonth(birthday, purchase.occurredAt(), zone(purchase.zone()))) {
            points = points.multiply(properties.birthdayMonthMultiplier());
        }
        return points.setScale(0, RoundingMode.DOWN).longValueExact();
    }

    /**
     * The share of a purchase's earned points that refunded amounts account for: every amount weighed
     * by its category's multiplier, as it earned (the tier, campaign and birthday multipliers apply to
     * the whole purchase alike). Zero when nothing of the purchase earned.
     */
    public BigDecimal earnedShare(
            java.util.List<PurchaseEarning.CategoryAmount> purchased,
            java.util.List<PurchaseEarning.CategoryAmount> refunded) {
        BigDecimal all = weight(purchased);
        if (all.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return weight(refunded).divide(all, 10, RoundingMode.HALF_UP).min(BigDecimal.ONE);
    }

    private BigDecimal weight(java.util.List<PurchaseEarning.CategoryAmount> amounts) {
        BigDecimal weight = BigDecimal.ZERO;
        for (PurchaseEarning.CategoryAmount line : amounts) {
            if (line.amount().amount().signum() > 0) {
                weight = weight.add(line.amount()
                        .amount()
                        .multiply(properties.categoryMultipliers().getOrDefault(line.category(), BigDecimal.ONE)));
            }
        }
        return weight;
    }

    BigDecimal campaignMultiplier(String campaign, Instant at) {
        if (campaign == null) {
            return BigDecimal.ONE;
        }
        LoyaltyProperties.Campaign c = properties.campaigns().get(campaign);
        return c != null && c.activeAt(at) ? c.multiplier() : BigDecimal.ONE;
    }

    static boolean inBirthdayMonth(LocalDate birthday, Instant at, ZoneId zone) {
        return birthday != null && MonthDay.from(at.atZone(zone)).getMonth() == birthday.getMonth();
    }

    /** Earned points can be spent once the return window has passed. */
    public Instant availableAt(Instant earnedAt) {
        return earnedAt.plus(java.time.Duration.ofDays(properties.pendingDays()));
    }

    /**
     * A lot is valid for {@code validityDays} business days after the day it was earned and expires at
     * the start of the following day in the business zone.
     */
    public Instant expiresAt(Instant earnedAt, ZoneId zone) {
        ZonedDateTime earned = earnedAt.atZone(zone(zone));
        Instant expiry = earned.toLocalDate()
                .plusDays(properties.validityDays() + 1L)
                .atStartOfDay(zone(zone))
                .toInstant();
        Instant available = availableAt(earnedAt);
        return expiry.isAfter(available) ? expiry : available.plusSeconds(1);
    }

    private ZoneId zone(ZoneId zone) {
        return zone == null ? properties.zone() : zone;
    }
}
