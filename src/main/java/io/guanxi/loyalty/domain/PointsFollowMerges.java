package io.guanxi.loyalty.domain;

import io.guanxi.customer.CustomerMergeUndone;
import io.guanxi.customer.CustomersMerged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Points follow their customer through merges, through the ledger (nothing is rewritten): a merge
 * moves what the duplicate holds, lot by lot with its own expiry, and any negative balance, to the
 * survivor; an undo moves back what is left of those lots (what the merged customer spent meanwhile
 * stays spent) and the negative balance the merge moved.
 */
@Component
class PointsFollowMerges {

    private static final Logger log = LoggerFactory.getLogger(PointsFollowMerges.class);

    private final PointsLedger ledger;

    PointsFollowMerges(PointsLedger ledger) {
        this.ledger = ledger;
    }

    @ApplicationModuleListener
    void on(CustomersMerged merged) {
        long moved = ledger.transfer(
                merged.mergedId(), merged.survivorId(), "merge:" + merged.mergeId(), lot -> true, true, "system");
        log.info(
                "Merge {}: moved {} points of customer {} to {}",
                merged.mergeId(),
                moved,
                merged.mergedId(),
                merged.survivorId());
    }

    @ApplicationModuleListener
    void on(CustomerMergeUndone undone) {
        String prefix = "merge:" + undone.mergeId() + ":in:";
        long moved = ledger.transfer(
                undone.survivorId(),
                undone.mergedId(),
                "unmerge:" + undone.mergeId(),
                lot -> lot.source() != null && lot.source().startsWith(prefix),
                false,
                "system");
        long debt = ledger.returnMergedDebt(
                undone.survivorId(),
                undone.mergedId(),
                "merge:" + undone.mergeId(),
                "unmerge:" + undone.mergeId(),
                "system");
        log.info(
                "Merge {} undone: moved {} points and {} points of debt back to customer {}",
                undone.mergeId(),
                moved,
                debt,
                undone.mergedId());
    }
}
