package io.guanxi.loyalty.domain;

import static io.guanxi.loyalty.domain.LoyaltyPropertiesMother.SHANGHAI;
import static org.assertj.core.api.Assertions.assertThat;

import io.guanxi.loyalty.PurchaseEarning;
import io.guanxi.loyalty.PurchaseEarning.CategoryAmount;
import io.guanxi.shared.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarnRulesTests {

    private final EarnRules rules = new EarnRules(LoyaltyPropertiesMother.defaults());
    private static final Instant NOV_1 = Instant.parse("2026-11-01T04:00:00Z");

    private static PurchaseEarning purchase(Instant at, String campaign, CategoryAmount... amounts) {
        return new PurchaseEarning(1, "order:1", at, SHANGHAI, campaign, List.of(amounts), "test");
    }

    private static CategoryAmount paid(String category, String amount) {
        return new CategoryAmount(category, Money.yuan(amount));
    }

    @Test
    void earnsOnePointPerYuanRoundedDownOnceAtTheEnd() {
        assertThat(rules.pointsFor(purchase(NOV_1, null, paid("FOOD", "99.99")), "STANDARD", null))
                .isEqualTo(99);
        assertThat(rules.pointsFor(
                        purchase(NOV_1, null, paid("FOOD", "0.60"), paid("DRINK", "0.60")), "STANDARD", null))
                .as("fractions of lines add up before rounding")
                .isEqualTo(1);
    }

    @Test
    void theEarnedShareOfARefundWeighsEachCategoryByItsMultiplier() {
        List<CategoryAmount> purchased = List.of(paid("SERVICE", "100.00"), paid("FOOD", "100.00"));
        assertThat(rules.earnedShare(purchased, List.of(paid("SERVICE", "100.00"))))
                .as("the double-points line earned two thirds")
                .isEqualByComparingTo("0.6666666667");
        assertThat(rules.earnedShare(purchased, List.of(paid("FOOD", "100.00"))))
                .isEqualByComparingTo("0.3333333333");
        assertThat(rules.earnedShare(purchased, purchased)).isEqualByComparingTo("1");
        assertThat(rules.earnedShare(List.of(paid("FOOD", "0.00")), List.of(paid("FOOD", "0.00"))))
                .isEqualByComparingTo("0");
    }

    @Test
    void categoryTierCampaignAndBirthdayMonthMultiply() {
        assertThat(rules.pointsFor(purchase(NOV_1, null, paid("SERVICE", "100.00")), "STANDARD", null))
                .isEqualTo(200);
        assertThat(rules.pointsFor(purchase(NOV_1, null, paid("FOOD", "100.00")), "GOLD", null))
                .isEqualTo(150);
        assertThat(rules.pointsFor(purchase(NOV_1, null, paid("FOOD", "100.00")), "UNKNOWN_TIER", null))
                .isEqualTo(100);
        assertThat(rules.pointsFor(
                        purchase(NOV_1, null, paid("FOOD", "100.00")), "STANDARD", LocalDate.of(1990, 11, 30)))
                .isEqualTo(200);
        assertThat(rules.pointsFor(
                        purchase(NOV_1, null, paid("SERVICE", "100.00")), "GOLD", LocalDate.of(1990, 11, 30)))
                .isEqualTo(600);
    }

    @Test
    void campaignCountsOnlyInsideItsWindow() {
        Instant inside = Instant.parse("2026-11-10T16:00:00Z");
        Instant after = Instant.parse("2026-11-11T16:00:00Z");
        assertThat(rules.pointsFor(purchase(inside, "DOUBLE11", paid("FOOD", "50.00")), "STANDARD", null))
                .isEqualTo(100);
        assertThat(rules.pointsFor(purchase(after, "DOUBLE11", paid("FOOD", "50.00")), "STANDARD", null))
                .isEqualTo(50);
        assertThat(rules.pointsFor(purchase(inside, "NO_SUCH", paid("FOOD", "50.00")), "STANDARD", null))
                .isEqualTo(50);
    }

    @Test
    void birthdayMonthIsTheMonthInTheBusinessZone() {
        Instant lastOfOctoberUtcFirstOfNovemberShanghai = Instant.parse("2026-10-31T17:00:00Z");
        assertThat(rules.pointsFor(
                        purchase(lastOfOctoberUtcFirstOfNovemberShanghai, null, paid("FOOD", "10.00")),
                        "STANDARD",
                        LocalDate.of(1990, 11, 5)))
                .isEqualTo(20);
    }

    @Test
    void pointsArePendingForTheReturnWindowAndExpireAtTheStartOfTheDayAfterTheValidity() {
        Instant earned = Instant.parse("2026-03-01T10:00:00Z");
        assertThat(rules.availableAt(earned)).isEqualTo(Instant.parse("2026-03-08T10:00:00Z"));
        // 2026-03-01 in Shanghai + 365 days = 2027-03-01, valid through that day: expires 2027-03-02T00:00+08:00
        assertThat(rules.expiresAt(earned, SHANGHAI)).isEqualTo(Instant.parse("2027-03-01T16:00:00Z"));
    }
}
