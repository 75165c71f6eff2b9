package io.guanxi.customer.domain;

import io.guanxi.customer.CustomerProperties;
import io.guanxi.customer.CustomerView;
import io.guanxi.customer.domain.tags.Tags;
import io.guanxi.customer.domain.timeline.CustomerTimeline;
import io.guanxi.identity.AuditTrail;
import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.UserView;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.NotFoundException;
import java.time.Clock;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who is responsible for a customer (专人负责): managers assign and transfer owners, reps claim
 * customers from the pool (公海) of their store, and nobody owns more than the per-rep limit.
 */
@Service
@Transactional
public class CustomerOwnership {

    private final CustomerRepository customers;
    private final IdentityApi identity;
    private final AuditTrail audit;
    private final CustomerTimeline timeline;
    private final Tags tags;
    private final Clock clock;
    private final CustomerPool pool;
    private final int maxOwnedPerRep;

    CustomerOwnership(
            CustomerRepository customers,
            IdentityApi identity,
            AuditTrail audit,
            CustomerTimeline timeline,
            Tags tags,
            CustomerPool pool,
            Clock clock,
            CustomerProperties properties) {
        this.customers = customers;
        this.identity = identity;
        this.audit = audit;
        this.timeline = timeline;
        this.tags = tags;
        this.clock = clock;
        this.pool = pool;
        this.maxOwnedPerRep = properties.maxOwnedPerRep();
    }

    public CustomerView transfer(long customerId, long newOwnerId, CurrentUser actor) {
        Customer customer = customers
                .find(customerId, identity.scopeOf(actor))
                .orElseThrow(() -> NotFoundException.of("Customer", customerId));
        UserView owner = identity.user(newOwnerId)
                .filter(UserView::enabled)
                .orElseThrow(() -> InvalidRequestException.forField("ownerId", "no such active user"));
        CustomerView before = customer.view();
        if (before.ownerId() != null && before.ownerId() == newOwnerId) {
            return before;
        }
        requireBelowLimit(owner.id());
        customer.assignOwner(newOwnerId, clock.instant());
        customers.update(customer);
        audit.record(
                "CUSTOMER_OWNER_CHANGED", "customer", customerId, "from=" + before.ownerId() + " to=" + newOwnerId);
        if (before.ownerId() == null) {
            timeline.record(customerId, "OWNER", "OWNER_ASSIGNED", owner.displayName(), actor.username());
        } else {
            String previous = identity.userDisplayNames(Set.of(before.ownerId()))
                    .getOrDefault(before.ownerId(), "#" + before.ownerId());
            timeline.record(
                    customerId, "OWNER", "OWNER_TRANSFERRED", previous + " → " + owner.displayName(), actor.username());
        }
        pool.ownerChanged(customerId);
        tags.refreshCustomer(customerId);
        return customers
                .find(customerId, identity.scopeOf(actor))
                .map(Customer::view)
                .orElse(customer.view());
    }

    /** The caller takes a customer from the pool of their store. */
    public void claim(long customerId, CurrentUser actor) {
        requireBelowLimit(actor.id());
        if (!customers.claimFromPool(customerId, actor.id(), actor.storeId(), clock.instant())) {
            throw ConflictException.because("Customer " + customerId + " is not in your store's pool");
        }
        audit.record("CUSTOMER_CLAIMED", "customer", customerId, "owner=" + actor.id());
        timeline.record(customerId, "OWNER", "CUSTOMER_CLAIMED", actor.displayName(), actor.username());
        pool.ownerChanged(customerId);
        tags.refreshCustomer(customerId);
    }

    private void requireBelowLimit(long ownerId) {
        if (customers.countOwnedBy(ownerId) >= maxOwnedPerRep) {
            throw ConflictException.because("The owner already has the maximum of " + maxOwnedPerRep + " customers");
        }
    }
}
