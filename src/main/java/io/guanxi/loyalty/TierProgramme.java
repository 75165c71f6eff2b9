package io.guanxi.loyalty;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The tier programme as configured: the rolling window that qualification looks at, the grace
 * period before a downgrade, and the tiers from lowest to highest.
 */
public record TierProgramme(int windowMonths, int graceDays, List<TierView> tiers) {

    public TierProgramme {
        tiers = tiers.stream().sorted(Comparator.comparingInt(TierView::rank)).toList();
    }

    public TierView lowest() {
        return tiers.get(0);
    }

    public Optional<TierView> tier(String code) {
        return tiers.stream().filter(t -> t.code().equals(code)).findFirst();
    }

    /** The tier with this code, or the lowest when the code is unknown. */
    public TierView tierOrLowest(String code) {
        return tier(code).orElse(lowest());
    }

    /** The highest tier the activity qualifies for (the lowest always qualifies). */
    public TierView qualifiedFor(WindowActivity activity) {
        TierView best = lowest();
        for (TierView tier : tiers) {
            if (tier.rank() > best.rank() && tier.qualifies(activity)) {
                best = tier;
            }
        }
        return best;
    }

    /** The tier above, if any. */
    public Optional<TierView> above(TierView tier) {
        return tiers.stream().filter(t -> t.rank() > tier.rank()).findFirst();
    }
}
