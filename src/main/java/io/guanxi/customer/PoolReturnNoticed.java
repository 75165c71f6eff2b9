package io.guanxi.customer;

import java.time.Instant;
import java.util.List;

/** The owner was told that these customers return to the pool at {@code returnsAt} unless followed up. */
public record PoolReturnNoticed(long ownerId, List<Long> customerIds, Instant returnsAt) {

    public PoolReturnNoticed {
        customerIds = List.copyOf(customerIds);
    }
}
