package io.guanxi.loyalty;

import io.guanxi.loyalty.domain.entitlement.Entitlements;
import io.guanxi.loyalty.domain.entitlement.ServicePackage;
import io.guanxi.loyalty.domain.entitlement.ServicePackages;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Service packages for other modules: the order module grants the entitlements of the packages an
 * order contains, and revokes them when the package lines are refunded, in the order's own
 * transaction. Products that are not service packages are ignored.
 */
@Service
public class ServicePackageApi {

    private final Entitlements entitlements;
    private final ServicePackages packages;
    private final Clock clock;

    ServicePackageApi(Entitlements entitlements, ServicePackages packages, Clock clock) {
        this.entitlements = entitlements;
        this.packages = packages;
        this.clock = clock;
    }

    /** Whether any service package is defined (demo data defines a few on an empty catalogue). */
    @Transactional(readOnly = true)
    public boolean anyDefined() {
        return !packages.all().isEmpty();
    }

    /**
     * Defines the package sold as the product {@code sku}: kind ({@code MAINTENANCE}, {@code CLEANING},
     * {@code EXTENDED_WARRANTY}, {@code TRAINING}, {@code OTHER}), uses per unit, validity, and the
     * days after a use when the next service is due (null for none).
     */
    @Transactional
    public void define(String sku, String name, String kind, int uses, int validityMonths, Integer reminderDays) {
        packages.add(
                ServicePackage.define(sku, name, ServicePackage.Kind.valueOf(kind), uses, validityMonths, reminderDays),
                clock.instant());
    }

    /** Uses one service of an entitlement at a visit; idempotent by the visit reference. */
    @Transactional
    public void redeemAtVisit(long customerId, long entitlementId, String visitRef, String actor) {
        entitlements.redeem(customerId, entitlementId, visitRef, null, actor);
    }

    /** The ids of the customer's entitlements that can be used now. */
    @Transactional(readOnly = true)
    public java.util.List<Long> redeemable(long customerId) {
        return entitlements.forCustomer(customerId).stream()
                .filter(e -> e.redeemable())
                .map(e -> e.id())
                .toList();
    }

    /** Those of the SKUs that are sold as a service package now (one lookup for many orders). */
    @Transactional(readOnly = true)
    public java.util.Set<String> packageSkus(java.util.Collection<String> skus) {
        return skus.isEmpty()
                ? java.util.Set.of()
                : java.util.Set.copyOf(packages.activeBySku(skus).keySet());
    }

    /** Grants one entitlement per unit of each package bought; returns how many were granted now. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int grantForOrder(PackagePurchase purchase) {
        return entitlements.grant(purchase);
    }

    /** Revokes one entitlement per unit returned (the least used first); returns how many were revoked. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int revokeForRefund(PackageReturn returned) {
        return entitlements.revoke(returned);
    }
}
