package io.guanxi.loyalty.domain.coupon;

import io.guanxi.customer.CustomerMergeUndone;
import io.guanxi.customer.CustomersMerged;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Coupons follow their customer through merges: a merge moves every coupon of the duplicate to the
 * survivor, unused ones (usable by the survivor from now on) and used, expired or voided ones (their
 * history), each with a MOVED row in its append-only history; nothing is reissued, so nothing is
 * lost or doubled, and a repeated event finds nothing left to move. An undo moves back what the merge
 * moved, except coupons the survivor used on an order meanwhile (like points, what was spent stays
 * spent).
 */
@Component
class CouponsFollowMerges {

    private static final Logger log = LoggerFactory.getLogger(CouponsFollowMerges.class);

    private final Coupons coupons;
    private final Clock clock;

    CouponsFollowMerges(Coupons coupons, Clock clock) {
        this.coupons = coupons;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(CustomersMerged merged) {
        int moved = coupons.moveAll(
                merged.mergedId(), merged.survivorId(), "merge:" + merged.mergeId(), "system", clock.instant());
        log.info(
                "Merge {}: moved {} coupons of customer {} to {}",
                merged.mergeId(),
                moved,
                merged.mergedId(),
                merged.survivorId());
    }

    @ApplicationModuleListener
    void on(CustomerMergeUndone undone) {
        int moved = coupons.moveBack(
                undone.survivorId(),
                undone.mergedId(),
                "merge:" + undone.mergeId(),
                "unmerge:" + undone.mergeId(),
                "system",
                clock.instant());
        log.info("Merge {} undone: moved {} coupons back to customer {}", undone.mergeId(), moved, undone.mergedId());
    }
}
