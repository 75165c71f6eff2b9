package io.guanxi.loyalty.domain.referral;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code guanxi.loyalty.referral.*}: when a referral counts and what it earns.
 *
 * @param qualifyOn when a referral succeeds: at {@code SIGN_UP} (when it is recorded) or at the
 *     referee's {@code FIRST_PURCHASE}
 * @param referrerPoints points for the referrer per successful referral
 * @param refereePoints welcome points for the referee when the referral succeeds
 * @param milestones extra points for the referrer's n-th successful referral (e.g. 1 → 0, 3 → 300,
 *     10 → 1000)
 * @param refereeMaxAge how long before the referral the referee may have registered; older
 *     customers are not new customers and cannot be referred
 * @param linkBase the public address referral links start with; the code is appended
 *     ({@code https://shop.example.com/r/}); empty = links on this server's {@code /r/{code}}
 */
@Validated
@ConfigurationProperties("guanxi.loyalty.referral")
public record ReferralProperties(
        @NotNull Qualification qualifyOn,
        @Min(0) long referrerPoints,
        @Min(0) long refereePoints,
        Map<Integer, Long> milestones,
        @NotNull Duration refereeMaxAge,
        String linkBase) {

    /** When a referral succeeds. */
    public enum Qualification {
        SIGN_UP,
        FIRST_PURCHASE
    }

    public ReferralProperties {
        milestones = milestones == null ? Map.of() : new TreeMap<>(milestones);
        linkBase = linkBase == null ? "" : linkBase.strip();
    }

    /** The bonus for the referrer's n-th success (0 when n is no milestone). */
    public long milestoneBonus(int successNumber) {
        return milestones.getOrDefault(successNumber, 0L);
    }
}
