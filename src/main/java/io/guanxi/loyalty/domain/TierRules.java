package io.guanxi.loyalty.domain;

import io.guanxi.loyalty.TierProgramme;
import io.guanxi.loyalty.TierView;
import io.guanxi.loyalty.WindowActivity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;

/**
 * When a customer changes tier. Upgrades are immediate: as soon as activity over the rolling window
 * qualifies for a higher tier. Downgrades happen only at evaluation dates — each anniversary of the
 * day the tier started — and only after a grace period: an evaluation that finds the customer below
 * the tier starts the grace period ({@code graceDays}); if the customer still falls short when it
 * ends, they move down to the tier they qualify for; qualifying again in the meantime ends the grace
 * period. The lowest tier is never evaluated.
 */
public final class TierRules {

    /** Evaluations come once a year, on the anniversary of the tier's start. */
    static final Period EVALUATION_PERIOD = Period.ofYears(1);

    private TierRules() {}

    /** A customer's tier state as stored. */
    public record State(long customerId, String tier, Instant since, LocalDate reviewOn, LocalDate downgradeOn) {}

    /** The state after a decision; {@code reason} is {@code UPGRADE}/{@code DOWNGRADE} when the tier changed. */
    public record Outcome(String tier, boolean restarted, LocalDate reviewOn, LocalDate downgradeOn, String reason) {

        boolean changes(State state) {
            return restarted
                    || !tier.equals(state.tier())
                    || !java.util.Objects.equals(reviewOn, state.reviewOn())
                    || !java.util.Objects.equals(downgradeOn, state.downgradeOn());
        }
    }

    /** After new activity (a purchase, an import): upgrade at once, or end a grace period when the customer qualifies again. */
    public static Outcome onActivity(TierProgramme programme, State state, WindowActivity window, LocalDate today) {
        TierView current = programme.tierOrLowest(state.tier());
        TierView qualified = programme.qualifiedFor(window);
        if (qualified.rank() > current.rank()) {
            return upgrade(qualified, today);
        }
        LocalDate downgradeOn = qualified.rank() >= current.rank() ? null : state.downgradeOn();
        return new Outcome(current.code(), false, state.reviewOn(), downgradeOn, null);
    }

    /** On a day the customer is due (evaluation date or end of grace): start grace, downgrade, or roll on. */
    public static Outcome onEvaluation(TierProgramme programme, State state, WindowActivity window, LocalDate today) {
        TierView current = programme.tierOrLowest(state.tier());
        TierView qualified = programme.qualifiedFor(window);
        if (qualified.rank() > current.rank()) {
            return upgrade(qualified, today);
        }
        boolean below = qualified.rank() < current.rank();
        LocalDate downgradeOn = state.downgradeOn();
        if (downgradeOn != null && !downgradeOn.isAfter(today)) {
            if (below) {
                return downgrade(qualified, today);
            }
            downgradeOn = null;
        }
        if (!below) {
            downgradeOn = null;
        }
        LocalDate reviewOn = state.reviewOn();
        if (reviewOn != null && !reviewOn.isAfter(today)) {
            if (below && downgradeOn == null) {
                LocalDate graceEnds = reviewOn.plusDays(programme.graceDays());
                if (!graceEnds.isAfter(today)) {
                    return downgrade(qualified, today);
                }
                downgradeOn = graceEnds;
            }
            while (!reviewOn.isAfter(today)) {
                reviewOn = reviewOn.plus(EVALUATION_PERIOD);
            }
        }
        if (current.open()) {
            reviewOn = null;
            downgradeOn = null;
        }
        return new Outcome(current.code(), false, reviewOn, downgradeOn, null);
    }

    private static Outcome upgrade(TierView to, LocalDate today) {
        return new Outcome(to.code(), true, today.plus(EVALUATION_PERIOD), null, "UPGRADE");
    }

    private static Outcome downgrade(TierView to, LocalDate today) {
        return new Outcome(to.code(), true, to.open() ? null : today.plus(EVALUATION_PERIOD), null, "DOWNGRADE");
    }

    /** The first business day of the rolling window that ends today. */
    public static LocalDate windowStart(TierProgramme programme, LocalDate today) {
        return today.minusMonths(programme.windowMonths()).plusDays(1);
    }
}
