package io.guanxi.demo;

import io.guanxi.customer.CustomerApi;
import io.guanxi.customer.CustomerView;
import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.DataScope;
import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.Role;
import io.guanxi.identity.StoreView;
import io.guanxi.loyalty.ServicePackageApi;
import io.guanxi.order.NewProduct;
import io.guanxi.order.OrderApi;
import io.guanxi.order.PlaceOrder;
import io.guanxi.order.SalesChannel;
import io.guanxi.shared.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo service packages: three packages sold as products, bought by the first customers through
 * ordinary orders (so the entitlements are granted the way real ones are), with a few uses redeemed.
 * Runs after the demo customers exist, once (while no package is defined).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class ServicePackageDemo implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ServicePackageDemo.class);

    /** SKU, names, kind, uses, months, reminder days, price. */
    private record Demo(
            String sku, String zh, String en, String kind, int uses, int months, Integer reminder, String price) {}

    private static final List<Demo> PACKAGES = List.of(
            new Demo("SVC-MAINT-3", "保养套餐（3次）", "Maintenance ×3", "MAINTENANCE", 3, 12, 90, "599.00"),
            new Demo("SVC-CLEAN-5", "深度清洗（5次）", "Deep cleaning ×5", "CLEANING", 5, 6, 30, "299.00"),
            new Demo(
                    "SVC-WARRANTY-2Y",
                    "延长保修两年",
                    "Extended warranty, 2 years",
                    "EXTENDED_WARRANTY",
                    1,
                    24,
                    null,
                    "899.00"));

    private final DemoProperties properties;
    private final ServicePackageApi packages;
    private final OrderApi orders;
    private final CustomerApi customers;
    private final IdentityApi identity;
    private final Clock clock;

    ServicePackageDemo(
            DemoProperties properties,
            ServicePackageApi packages,
            OrderApi orders,
            CustomerApi customers,
            IdentityApi identity,
            Clock clock) {
        this.properties = properties;
        this.packages = packages;
        this.orders = orders;
        this.customers = customers;
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.enabled() || packages.anyDefined() || identity.stores().isEmpty()) {
            return;
        }
        boolean en = properties.english();
        for (Demo p : PACKAGES) {
            orders.addProduct(new NewProduct(
                    p.sku(),
                    en ? p.en() : p.zh(),
                    "SERVICE",
                    en ? "Services" : "服务",
                    new Money(new BigDecimal(p.price()), "CNY")));
            packages.define(p.sku(), en ? p.en() : p.zh(), p.kind(), p.uses(), p.months(), p.reminder());
        }
        CurrentUser system = new CurrentUser(0, "demo", "Demo data", Role.ADMIN, DataScope.ALL, null, null);
        long fallbackStore =
                identity.stores().stream().mapToLong(StoreView::id).min().orElseThrow();
        List<Long> buyers = customers.oldestIds(12);
        int made = 0;
        for (int i = 0; i < buyers.size(); i++) {
            long customer = buyers.get(i);
            Long store = customers
                    .find(customer, io.guanxi.identity.ScopeFilter.all())
                    .map(CustomerView::storeId)
                    .orElse(null);
            Demo p = PACKAGES.get(i % PACKAGES.size());
            orders.place(
                    new PlaceOrder(
                            customer,
                            store == null ? fallbackStore : store,
                            SalesChannel.STORE,
                            clock.instant().minus(Duration.ofDays(30L + 7L * i)),
                            null,
                            List.of(new PlaceOrder.Line(p.sku(), 1, null, null)),
                            null,
                            null,
                            null,
                            0L,
                            null,
                            List.of()),
                    "demo-package-" + customer,
                    system);
            for (int use = 0; use < i % 3; use++) {
                List<Long> usable = packages.redeemable(customer);
                if (usable.isEmpty()) {
                    break;
                }
                packages.redeemAtVisit(customer, usable.get(0), "demo-visit-" + use, "demo");
            }
            made++;
        }
        log.info("Demo service packages: {} packages, {} customers with an entitlement", PACKAGES.size(), made);
    }
}
