/** Loyalty: membership tiers, points ledger, coupons, referrals, care moments, service packages. */
@ApplicationModule(
        displayName = "Loyalty",
        allowedDependencies = {"identity", "customer", "shared"})
package io.guanxi.loyalty;

import org.springframework.modulith.ApplicationModule;
