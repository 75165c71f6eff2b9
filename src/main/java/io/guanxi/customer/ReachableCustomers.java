package io.guanxi.customer;

import io.guanxi.customer.domain.privacy.Reachability;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who can be sent what, set-based: customers by birthday or joining day, all customers page by page,
 * or given ids, each with their address and consent on one channel. Merged and erased customers are
 * never returned. Dates are matched on the calendar day (month and day) of the given days; callers
 * pass the days around their target and check the day in the customer's zone themselves.
 */
@Service
public class ReachableCustomers {

    private final Reachability reachability;

    ReachableCustomers(Reachability reachability) {
        this.reachability = reachability;
    }

    /** Customers whose birthday falls on the month and day of one of {@code days} (29 February on 28 February in other years). */
    @Transactional(readOnly = true)
    public List<ReachableCustomer> bornOn(Collection<LocalDate> days, ContactChannel channel) {
        return reachability.bornOn(days, channel);
    }

    /** Customers who became customers on the month and day of one of {@code days}, in an earlier year. */
    @Transactional(readOnly = true)
    public List<ReachableCustomer> joinedOn(Collection<LocalDate> days, ContactChannel channel) {
        return reachability.joinedOn(days, channel);
    }

    /** All customers after {@code afterId}, in id order, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<ReachableCustomer> page(long afterId, int limit, ContactChannel channel) {
        return reachability.page(afterId, limit, channel);
    }

    /** The given customers (those still there). */
    @Transactional(readOnly = true)
    public List<ReachableCustomer> byIds(Collection<Long> ids, ContactChannel channel) {
        return reachability.byIds(ids, channel);
    }
}
