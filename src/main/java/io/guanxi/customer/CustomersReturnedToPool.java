package io.guanxi.customer;

import java.time.Instant;
import java.util.List;

/** Customers went back to the public pool because their owner had not followed up in time. */
public record CustomersReturnedToPool(long formerOwnerId, List<Long> customerIds, Instant returnedAt) {

    public CustomersReturnedToPool {
        customerIds = List.copyOf(customerIds);
    }
}
