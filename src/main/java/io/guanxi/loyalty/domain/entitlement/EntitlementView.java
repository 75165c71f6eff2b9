package io.guanxi.loyalty.domain.entitlement;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A customer's right to a service: uses left of those granted, until when. {@code status} is
 * {@code ACTIVE}, {@code EXPIRED}, {@code USED_UP} (as of the time it was read) or {@code REVOKED}.
 * {@code expiresAt} is midnight at the end of the last valid day where the entitlement's store is
 * (the loyalty zone without a store); {@code validUntil} is that last day.
 */
public record EntitlementView(
        long id,
        long customerId,
        long packageId,
        String sku,
        String packageName,
        ServicePackage.Kind kind,
        String source,
        int usesGranted,
        int usesRemaining,
        Instant grantedAt,
        Instant expiresAt,
        LocalDate validUntil,
        String status,
        Instant lastUsedAt,
        LocalDate nextReminderOn) {

    public boolean redeemable() {
        return "ACTIVE".equals(status);
    }
}
