package io.guanxi.order.domain;

import io.guanxi.customer.CustomerMergeUndone;
import io.guanxi.customer.CustomersMerged;
import io.guanxi.loyalty.TierApi;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Orders follow their customer through merges: a merge moves the duplicate's orders to the
 * survivor, an undo moves exactly those back; both customers' purchase aggregates are then rebuilt
 * from their orders, and the customer who received orders is re-evaluated for membership tiers
 * (which read the orders): an upgrade if they now qualify, a downgrade only at the evaluation date.
 */
@Component
class CustomerMergeFollower {

    private static final Logger log = LoggerFactory.getLogger(CustomerMergeFollower.class);

    private final Orders orders;
    private final PurchaseSummaries summaries;
    private final TierApi tiers;

    CustomerMergeFollower(Orders orders, PurchaseSummaries summaries, TierApi tiers) {
        this.orders = orders;
        this.summaries = summaries;
        this.tiers = tiers;
    }

    @ApplicationModuleListener
    void on(CustomersMerged merged) {
        int moved = orders.moveToSurvivor(merged.mergeId(), merged.mergedId(), merged.survivorId());
        summaries.rebuild(merged.survivorId());
        summaries.rebuild(merged.mergedId());
        if (moved > 0) {
            tiers.reevaluate(List.of(merged.survivorId())); // an upgrade if the orders together qualify
        }
        log.info(
                "Merge {}: moved {} orders of customer {} to {}",
                merged.mergeId(),
                moved,
                merged.mergedId(),
                merged.survivorId());
    }

    @ApplicationModuleListener
    void on(CustomerMergeUndone undone) {
        int moved = orders.moveBack(undone.mergeId(), undone.survivorId());
        summaries.rebuild(undone.survivorId());
        summaries.rebuild(undone.mergedId());
        if (moved > 0) {
            tiers.reevaluate(List.of(undone.mergedId()));
        }
        log.info("Merge {} undone: moved {} orders back to customer {}", undone.mergeId(), moved, undone.mergedId());
    }
}
