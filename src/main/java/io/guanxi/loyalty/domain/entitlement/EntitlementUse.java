package io.guanxi.loyalty.domain.entitlement;

import java.time.Instant;

/** One line of an entitlement's append-only history: {@code GRANT} (+uses), {@code REDEEM} (−1), {@code REVOKE} (−what was left). */
public record EntitlementUse(
        long id,
        long entitlementId,
        long customerId,
        String kind,
        int uses,
        String reference,
        String note,
        String actor,
        Instant occurredAt) {}
