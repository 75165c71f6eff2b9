package io.guanxi.loyalty.domain;

import io.guanxi.customer.CustomersMerged;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Qualifying activity follows a merge to the survivor, who is then re-evaluated (an upgrade if the
 * combined activity qualifies). Undoing a merge leaves the activity with the survivor.
 */
@Component
class TiersFollowMerges {

    private final Tiers tiers;
    private final Memberships memberships;

    TiersFollowMerges(Tiers tiers, Memberships memberships) {
        this.tiers = tiers;
        this.memberships = memberships;
    }

    @ApplicationModuleListener
    void on(CustomersMerged merged) {
        if (tiers.moveActivity(merged.mergedId(), merged.survivorId()) > 0) {
            memberships.reevaluate(java.util.List.of(merged.survivorId()), "system");
        }
    }
}
