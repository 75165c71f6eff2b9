package io.guanxi.loyalty;

import io.guanxi.loyalty.domain.Memberships;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Membership tiers for other modules: a customer's tier and benefits (applied at order time), the
 * upgrade that follows a purchase, and a set-based re-evaluation for bulk imports and merges. What
 * qualifies is read from the orders ({@link QualifyingPurchases}).
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

    /**
     * The customer made a purchase, stored in the caller's transaction ({@link QualifyingPurchases}
     * reads it from there): an upgrade at once if it qualifies them higher. A refund needs no call;
     * what it takes back counts at the next evaluation date.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void purchased(long customerId, String actor) {
        memberships.purchased(customerId, actor);
    }

    /**
     * Upgrades those of the customers whose purchases qualify them higher (and ends grace
     * periods of those who qualify again), a chunk of 1,000 at a time with one query per chunk;
     * returns the number of tier changes.
     */
    @Transactional
    public int reevaluate(Collection<Long> customerIds) {
        return memberships.reevaluate(customerIds, "system");
    }

    /**
     * As {@link #reevaluate}, after purchases whose newest business day per customer is given: a
     * customer whose new purchases all lie before the qualification window is left out, as nothing
     * in the window changed for them.
     */
    @Transactional
    public int reevaluateAfterPurchases(Map<Long, LocalDate> newestPurchaseDays) {
        return memberships.reevaluateAfterPurchases(newestPurchaseDays, "system");
    }
}
