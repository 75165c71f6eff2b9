package io.guanxi.loyalty.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.guanxi.loyalty.TierBenefits;
import io.guanxi.loyalty.TierProgramme;
import io.guanxi.loyalty.TierView;
import io.guanxi.loyalty.WindowActivity;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TierRulesTests {

    static final TierProgramme PROGRAMME = TierProgrammeMother.defaults(30);
    static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

    private static WindowActivity activity(String spend, long orders, long points) {
        return new WindowActivity(TODAY.minusMonths(12).plusDays(1), TODAY, new BigDecimal(spend), orders, points);
    }

    private static TierRules.State state(String tier, LocalDate reviewOn, LocalDate downgradeOn) {
        return new TierRules.State(1, tier, Instant.parse("2025-06-15T02:00:00Z"), reviewOn, downgradeOn);
    }

    @Test
    void qualifiesWhenAnyOneThresholdIsMet() {
        assertThat(PROGRAMME.qualifiedFor(activity("0", 0, 0)).code()).isEqualTo("STANDARD");
        assertThat(PROGRAMME.qualifiedFor(activity("1999.99", 5, 1999)).code()).isEqualTo("STANDARD");
        assertThat(PROGRAMME.qualifiedFor(activity("2000", 0, 0)).code()).isEqualTo("SILVER");
        assertThat(PROGRAMME.qualifiedFor(activity("0", 15, 0)).code()).isEqualTo("GOLD");
        assertThat(PROGRAMME.qualifiedFor(activity("100", 1, 50000)).code()).isEqualTo("DIAMOND");
    }

    @Test
    void upgradesAtOnceAndStartsAYearToTheFirstEvaluation() {
        TierRules.Outcome outcome =
                TierRules.onActivity(PROGRAMME, state("STANDARD", null, null), activity("12000", 3, 0), TODAY);
        assertThat(outcome.tier()).isEqualTo("GOLD");
        assertThat(outcome.reason()).isEqualTo("UPGRADE");
        assertThat(outcome.restarted()).isTrue();
        assertThat(outcome.reviewOn()).isEqualTo(LocalDate.of(2027, 6, 15));
        assertThat(outcome.downgradeOn()).isNull();
    }

    @Test
    void activityBelowTheTierNeverDowngradesOutsideAnEvaluation() {
        TierRules.State gold = state("GOLD", LocalDate.of(2026, 9, 1), null);
        TierRules.Outcome outcome = TierRules.onActivity(PROGRAMME, gold, activity("0", 0, 0), TODAY);
        assertThat(outcome.tier()).isEqualTo("GOLD");
        assertThat(outcome.reason()).isNull();
        assertThat(outcome.changes(gold)).isFalse();
    }

    @Test
    void anEvaluationBelowTheTierStartsTheGracePeriodAndMovesTheNextEvaluationOn() {
        TierRules.State gold = state("GOLD", TODAY, null);
        TierRules.Outcome outcome = TierRules.onEvaluation(PROGRAMME, gold, activity("3000", 2, 0), TODAY);
        assertThat(outcome.tier()).isEqualTo("GOLD");
        assertThat(outcome.reason()).isNull();
        assertThat(outcome.downgradeOn()).isEqualTo(TODAY.plusDays(30));
        assertThat(outcome.reviewOn()).isEqualTo(TODAY.plusYears(1));
    }

    @Test
    void downgradesWithGraceOnlyWhenStillBelowAtTheEndOfGrace() {
        LocalDate graceEnds = TODAY.plusDays(30);
        TierRules.State inGrace = state("GOLD", TODAY.plusYears(1), graceEnds);

        TierRules.Outcome dayBefore =
                TierRules.onEvaluation(PROGRAMME, inGrace, activity("3000", 2, 0), graceEnds.minusDays(1));
        assertThat(dayBefore.tier()).isEqualTo("GOLD");
        assertThat(dayBefore.changes(inGrace)).isFalse();

        TierRules.Outcome atEnd = TierRules.onEvaluation(PROGRAMME, inGrace, activity("3000", 2, 0), graceEnds);
        assertThat(atEnd.tier()).isEqualTo("SILVER");
        assertThat(atEnd.reason()).isEqualTo("DOWNGRADE");
        assertThat(atEnd.downgradeOn()).isNull();
        assertThat(atEnd.reviewOn()).isEqualTo(graceEnds.plusYears(1));
    }

    @Test
    void downgradesStraightToTheTierQualifiedForEvenSeveralSteps() {
        TierRules.State diamond = state("DIAMOND", null, TODAY);
        TierRules.Outcome outcome = TierRules.onEvaluation(PROGRAMME, diamond, activity("0", 0, 0), TODAY);
        assertThat(outcome.tier()).isEqualTo("STANDARD");
        assertThat(outcome.reviewOn()).isNull();
    }

    @Test
    void qualifyingAgainDuringGraceEndsIt() {
        TierRules.State inGrace = state("GOLD", TODAY.plusYears(1), TODAY.plusDays(10));
        TierRules.Outcome outcome = TierRules.onActivity(PROGRAMME, inGrace, activity("10000", 1, 0), TODAY);
        assertThat(outcome.tier()).isEqualTo("GOLD");
        assertThat(outcome.downgradeOn()).isNull();
        assertThat(outcome.reason()).isNull();
        assertThat(outcome.changes(inGrace)).isTrue();
    }

    @Test
    void anEvaluationThatFindsTheCustomerQualifiedOnlyMovesTheDateOn() {
        TierRules.State gold = state("GOLD", TODAY.minusDays(3), null);
        TierRules.Outcome outcome = TierRules.onEvaluation(PROGRAMME, gold, activity("20000", 20, 0), TODAY);
        assertThat(outcome.tier()).isEqualTo("GOLD");
        assertThat(outcome.downgradeOn()).isNull();
        assertThat(outcome.reviewOn()).isEqualTo(TODAY.minusDays(3).plusYears(1));
    }

    @Test
    void withoutGraceAnEvaluationDowngradesAtOnce() {
        TierProgramme noGrace = TierProgrammeMother.defaults(0);
        TierRules.Outcome outcome =
                TierRules.onEvaluation(noGrace, state("GOLD", TODAY, null), activity("2500", 0, 0), TODAY);
        assertThat(outcome.tier()).isEqualTo("SILVER");
        assertThat(outcome.reason()).isEqualTo("DOWNGRADE");
    }

    @Test
    void evaluationDatesAreAnniversariesOfTheTierStart() {
        assertThat(TierRules.EVALUATION_PERIOD.getYears()).isEqualTo(1);
        TierRules.Outcome late = TierRules.onEvaluation(
                PROGRAMME, state("SILVER", TODAY.minusYears(2).minusDays(1), null), activity("5000", 0, 0), TODAY);
        assertThat(late.reviewOn()).isEqualTo(TODAY.minusDays(1).plusYears(1));
    }

    @Test
    void theRollingWindowEndsTodayAndCoversTheConfiguredMonths() {
        assertThat(TierRules.windowStart(PROGRAMME, TODAY)).isEqualTo(LocalDate.of(2025, 6, 16));
    }

    @Test
    void refusesAProgrammeOutsideTheRules() {
        assertThat(Memberships.validate(PROGRAMME)).isEmpty();
        List<TierView> two = PROGRAMME.tiers().subList(0, 2);
        assertThat(Memberships.validate(new TierProgramme(12, 30, two)))
                .extracting(InvalidField::of)
                .containsExactly("tiers");
        List<TierView> falling = new ArrayList<>(PROGRAMME.tiers());
        falling.set(3, TierProgrammeMother.tier("DIAMOND", 4, "5000", 40, 50000L, "0.08"));
        assertThat(Memberships.validate(new TierProgramme(12, 30, falling)))
                .extracting(InvalidField::of)
                .containsExactly("tiers[3]");
        List<TierView> renamedLowest = new ArrayList<>(PROGRAMME.tiers());
        renamedLowest.set(0, TierProgrammeMother.tier("BASIC", 1, null, null, null, "0"));
        assertThat(Memberships.validate(new TierProgramme(12, 30, renamedLowest)))
                .as("new members start in STANDARD, so it stays the lowest tier")
                .extracting(InvalidField::of)
                .containsExactly("tiers[0].code");
        List<TierView> closedLowest = new ArrayList<>(PROGRAMME.tiers());
        closedLowest.set(0, TierProgrammeMother.tier("STANDARD", 1, "1", null, null, "0"));
        assertThat(Memberships.validate(new TierProgramme(12, 30, closedLowest)))
                .extracting(InvalidField::of)
                .contains("tiers[0]");
        List<TierView> badReduction = new ArrayList<>(PROGRAMME.tiers());
        TierView silver = badReduction.get(1);
        badReduction.set(
                1,
                new TierView(
                        silver.code(),
                        silver.rank(),
                        silver.nameZh(),
                        silver.nameEn(),
                        silver.minSpend(),
                        silver.minOrders(),
                        silver.minPoints(),
                        silver.pointsMultiplier(),
                        new TierBenefits(
                                BigDecimal.ZERO,
                                List.of(new TierBenefits.Reduction(new BigDecimal("100"), new BigDecimal("150"))),
                                null,
                                0,
                                null,
                                false,
                                false)));
        assertThat(Memberships.validate(new TierProgramme(12, 30, badReduction)))
                .extracting(InvalidField::of)
                .containsExactly("tiers[1].reductions");
    }

    private static final class InvalidField {
        static String of(io.guanxi.shared.InvalidRequestException.FieldProblem problem) {
            return problem.field();
        }
    }
}
