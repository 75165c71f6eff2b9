package io.guanxi.loyalty.domain.entitlement;

import io.guanxi.customer.CustomerMergeUndone;
import io.guanxi.customer.CustomersMerged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Entitlements follow their customer through merges: the survivor can use what the duplicate
 * bought. The usage history is append-only and keeps the customer each line was written for, so an
 * undo moves back exactly the entitlements that were granted to the merged customer.
 */
@Component
class EntitlementsFollowMerges {

    private final JdbcClient jdbc;

    EntitlementsFollowMerges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(CustomersMerged merged) {
        jdbc.sql("UPDATE entitlement SET customer_id = ? WHERE customer_id = ?")
                .params(merged.survivorId(), merged.mergedId())
                .update();
    }

    @ApplicationModuleListener
    void on(CustomerMergeUndone undone) {
        jdbc.sql("UPDATE entitlement SET customer_id = ? WHERE customer_id = ? AND id IN"
                        + " (SELECT entitlement_id FROM entitlement_usage WHERE kind = 'GRANT' AND customer_id = ?)")
                .params(undone.mergedId(), undone.survivorId(), undone.mergedId())
                .update();
    }
}
