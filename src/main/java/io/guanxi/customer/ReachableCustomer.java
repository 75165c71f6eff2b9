package io.guanxi.customer;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A customer as seen by whoever sends them messages: where to reach them on one channel and whether
 * their latest word on that channel was yes. {@code maskedAddress} is the address as it may be
 * shown or kept in a log (w***@example.com, 138****5678). {@code since} is when they became a
 * customer.
 */
public record ReachableCustomer(
        long id,
        String displayName,
        String address,
        String maskedAddress,
        Long storeId,
        LocalDate birthday,
        Instant since,
        boolean consented) {}
