package io.guanxi.loyalty.domain;

import io.guanxi.loyalty.RefundPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code guanxi.loyalty.*}: how points are earned, when they can be spent and expire, what they are
 * worth as cash on an order, and what a refund does with points already spent.
 *
 * @param pointsPerUnit points per currency unit paid (1 = one point per yuan)
 * @param categoryMultipliers multiplier per product category code (absent = 1)
 * @param tierMultipliers multiplier for a tier code the tier programme (database) does not know (absent = 1)
 * @param campaigns multiplier campaigns (double points) by code, each with its window
 * @param birthdayMonthMultiplier multiplier for purchases in the customer's birthday month
 * @param signUpPoints points for registering as a customer (0 = none)
 * @param referralPoints points for referring a new customer
 * @param activityPoints points per activity code (review, survey, check-in ...)
 * @param pendingDays days earned points wait (the return window) before they can be spent
 * @param validityDays days a lot stays valid; it expires at the start of the next business day
 * @param expiryWarningDays how long before expiry the customer is warned
 * @param pointsPerCashUnit points worth one currency unit when deducted on an order
 * @param maxDeductionShare largest share of an order that points may pay
 * @param maxPointsPerOrder most points one order may use (0 = no limit beyond the share)
 * @param refundPolicy what a refund does when the points it takes back were spent
 * @param maxNegativeBalance how far below zero the balance may go under {@code NEGATIVE_BALANCE}
 * @param zone business zone for dates (birthday month, expiry day) when a store gives none
 */
@Validated
@ConfigurationProperties("guanxi.loyalty")
public record LoyaltyProperties(
        @NotNull @DecimalMin("0") BigDecimal pointsPerUnit,
        Map<String, BigDecimal> categoryMultipliers,
        Map<String, BigDecimal> tierMultipliers,
        Map<String, @Valid Campaign> campaigns,
        @NotNull @DecimalMin("1") BigDecimal birthdayMonthMultiplier,
        @Min(0) long signUpPoints,
        @Min(0) long referralPoints,
        Map<String, Long> activityPoints,
        @Min(0) int pendingDays,
        @Min(1) int validityDays,
        @Min(0) int expiryWarningDays,
        @Min(1) long pointsPerCashUnit,
        @NotNull @DecimalMin("0") @DecimalMax("1") BigDecimal maxDeductionShare,
        @Min(0) long maxPointsPerOrder,
        @NotNull RefundPolicy refundPolicy,
        @Min(0) long maxNegativeBalance,
        @NotNull ZoneId zone) {

    public LoyaltyProperties {
        categoryMultipliers = categoryMultipliers == null ? Map.of() : Map.copyOf(categoryMultipliers);
        tierMultipliers = tierMultipliers == null ? Map.of() : Map.copyOf(tierMultipliers);
        campaigns = campaigns == null ? Map.of() : Map.copyOf(campaigns);
        activityPoints = activityPoints == null ? Map.of() : Map.copyOf(activityPoints);
    }

    /** A points campaign: purchases between {@code starts} (inclusive) and {@code ends} earn more. */
    public record Campaign(
            @NotNull @DecimalMin("1") BigDecimal multiplier,
            @NotNull Instant starts,
            @NotNull Instant ends) {

        boolean activeAt(Instant at) {
            return !at.isBefore(starts) && at.isBefore(ends);
        }
    }

    /** The lowest balance a refund may leave. */
    public long minimumBalance() {
        return refundPolicy == RefundPolicy.NEGATIVE_BALANCE ? -maxNegativeBalance : 0;
    }
}
