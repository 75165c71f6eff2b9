package io.guanxi.loyalty.domain;

import io.guanxi.loyalty.TierBenefits;
import io.guanxi.loyalty.TierProgramme;
import io.guanxi.loyalty.TierView;
import java.math.BigDecimal;
import java.util.List;

/** The default tier programme (as the migration seeds it), for tests. */
final class TierProgrammeMother {

    private TierProgrammeMother() {}

    static TierView tier(String code, int rank, String spend, Integer orders, Long points, String rate) {
        return new TierView(
                code,
                rank,
                code,
                code,
                spend == null ? null : new BigDecimal(spend),
                orders,
                points,
                BigDecimal.ONE,
                new TierBenefits(new BigDecimal(rate), List.of(), null, 0, null, false, false));
    }

    static TierProgramme defaults(int graceDays) {
        return new TierProgramme(
                12,
                graceDays,
                List.of(
                        tier("STANDARD", 1, null, null, null, "0"),
                        tier("SILVER", 2, "2000", 6, 2000L, "0.02"),
                        tier("GOLD", 3, "10000", 15, 10000L, "0.05"),
                        tier("DIAMOND", 4, "50000", 40, 50000L, "0.08")));
    }
}
