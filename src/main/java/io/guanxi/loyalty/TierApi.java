package io.guanxi.loyalty;

import io.guanxi.loyalty.domain.Memberships;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Membership tiers for other modules: a customer's tier and benefits (applied at order time), the
 * qualifying activity of purchases and refunds (recorded in the order's transaction), and a
 * set-based re-evaluation for bulk imports.
 */
@Service
public class TierApi {

    private final Memberships memberships;

    TierApi(Memberships memberships) {
        this.memberships = memberships;
    }

    /** The customer's current tier with its benefits (the lowest tier for a customer without an account). */
    public TierView currentTier(long customerId) {
        return memberships.currentTier(customerId);
    }

    public Membership membership(long customerId) {
        return memberships.membership(customerId);
    }

    public TierProgramme programme() {
        return memberships.programme();
    }

    /** A purchase: records its activity and upgrades the customer at once if it qualifies them higher. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordPurchase(TierActivity purchase) {
        memberships.recordPurchase(purchase);
    }

    /** A refund or cancellation (negative amounts): recorded; any downgrade waits for the evaluation date. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordRefund(TierActivity refund) {
        memberships.record(List.of(refund));
    }

    /**
     * Many purchases at once (bulk import), without evaluating (follow with {@link #reevaluate}):
     * purchases created in the caller's transaction, whose sources cannot be recorded yet, so they
     * are written straight (COPY on PostgreSQL) instead of checked against what is there; a source
     * given twice fails the transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordNewActivity(List<TierActivity> activity) {
        memberships.recordNew(activity);
    }

    /**
     * Upgrades those of the customers whose recorded activity qualifies them higher (and ends grace
     * periods of those who qualify again), a chunk of 1,000 at a time with one query per chunk;
     * returns the number of tier changes.
     */
    @Transactional
    public int reevaluate(Collection<Long> customerIds) {
        return memberships.reevaluate(customerIds, "system");
    }
}
