package io.guanxi.order.domain;

import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.StoreView;
import io.guanxi.loyalty.LoyaltyApi;
import io.guanxi.loyalty.PackagePurchase;
import io.guanxi.loyalty.PurchaseEarning;
import io.guanxi.loyalty.ServicePackageApi;
import io.guanxi.loyalty.TierApi;
import io.guanxi.shared.StageTimes;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StopWatch;

/**
 * Records many priced orders at once (an import batch, history for demo data) with the same effects
 * as {@link OrderIngestion#place} for each — the orders and lines, the points each earns by the same
 * earning rules, the purchase aggregates and the customers' figures for rule tags (the orders show on
 * the timeline by {@link OrderTimeline}), the entitlements of service packages bought — but set-based: a few bulk statements per table for the whole batch, in the caller's
 * transaction. Imported orders spend no points (a file cannot prove the customer agreed) and
 * announce no {@code OrderPlaced} event per order.
 */
@Component
public class OrderBulkIngestion {

    private static final Logger log = LoggerFactory.getLogger(OrderBulkIngestion.class);

    private final OrderBulkWriter writer;
    private final PurchaseSummaries summaries;
    private final LoyaltyApi loyalty;
    private final TierApi tiers;
    private final ServicePackageApi packages;
    private final IdentityApi identity;
    private final Products products;
    private final String currency;
    private final Clock clock;

    OrderBulkIngestion(
            OrderBulkWriter writer,
            PurchaseSummaries summaries,
            LoyaltyApi loyalty,
            TierApi tiers,
            ServicePackageApi packages,
            IdentityApi identity,
            Products products,
            OrderProperties properties,
            Clock clock) {
        this.packages = packages;
        this.products = products;
        this.currency = properties.currency();
        this.writer = writer;
        this.summaries = summaries;
        this.loyalty = loyalty;
        this.tiers = tiers;
        this.identity = identity;
        this.clock = clock;
    }

    /** What a batch did for one customer. */
    public record CustomerTotals(long customerId, long orders, BigDecimal spend, long points) {}

    /**
     * Writes an import batch's orders (drafted with {@link Order#draft}, not stored yet) and all their
     * effects; {@code externalSource} is the system their external references belong to. On
     * PostgreSQL the effects that are per customer rather than per order are staged and follow when
     * the import is through its file ({@link StagedPurchases}, ADR 0015): the batch's points are
     * worked out at the tier each customer had when the import began, and staged for the ledger with
     * them (ADR 0018).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<CustomerTotals> ingest(List<Order> orders, String externalSource, String actor) {
        return ingest(orders, externalSource, actor, summaries.stages());
    }

    /**
     * {@code staged}: the per-customer effects (points, purchase aggregates, category spend, visit
     * days, rule tags, tiers) are staged for {@link StagedPurchases} instead of applied to the batch's customers.
     */
    private List<CustomerTotals> ingest(List<Order> orders, String externalSource, String actor, boolean staged) {
        if (orders.isEmpty()) {
            return List.of();
        }
        StopWatch watch = new StopWatch();
        watch.start("orders");
        Map<Long, ZoneId> zones = new HashMap<>();
        for (StoreView store : identity.stores()) {
            zones.put(store.id(), ZoneId.of(store.zoneId()));
        }
        writer.write(orders, externalSource, actor, clock.instant(), stored -> {
            watch.stop();
            watch.start("points");
            List<PurchaseEarning> purchases = stored.stream()
                    .map(order -> new PurchaseEarning(
                            order.customerId(),
                            order.source(),
                            order.placedAt(),
                            zones.get(order.storeId()),
                            order.campaign(),
                            order.paidPerCategory(),
                            actor))
                    .toList();
            Map<String, Long> points =
                    staged ? loyalty.stageEarningsForNewPurchases(purchases) : loyalty.earnForNewPurchases(purchases);
            watch.stop();
            watch.start("orders");
            return points;
        });
        watch.stop();
        watch.start("service packages");
        grantPackages(orders, zones, actor);
        watch.stop();
        if (staged) {
            watch.start("staged");
            summaries.stage(orders);
            watch.stop();
        } else {
            watch.start("purchase summaries");
            Map<Long, java.time.LocalDate> newest = summaries.ordersPlaced(orders);
            watch.stop();
            watch.start("tiers");
            // exactly the batch's customers, set-based, in the batch's transaction, from their orders
            // (the batch's included); the batch's points were earned at the tier each customer had
            // when it began, as orders placed one after the other with no tier change between
            tiers.reevaluateAfterPurchases(newest);
            watch.stop();
        }
        if (log.isDebugEnabled()) {
            log.debug("{} orders written: {}", orders.size(), StageTimes.of(watch));
        }
        return totals(orders);
    }

    /**
     * Prices orders like {@link OrderIngestion#place} (catalogue prices unless given, line discounts,
     * payments) and records them like {@link #ingest} with every effect applied at once, in the caller's
     * transaction; for history loads such as demo data, where the customers and stores are known to
     * exist. Points cannot be spent this way. Answers the orders' ids.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Long> placeAll(List<io.guanxi.order.PlaceOrder> commands, String actor) {
        java.util.Set<String> skus = new java.util.HashSet<>();
        commands.forEach(c -> c.lines().forEach(l -> skus.add(l.sku())));
        Map<String, io.guanxi.order.ProductView> catalogue = products.bySku(skus);
        Map<Long, ZoneId> zones = new HashMap<>();
        identity.stores().forEach(store -> zones.put(store.id(), ZoneId.of(store.zoneId())));
        List<Order> orders = new ArrayList<>(commands.size());
        for (io.guanxi.order.PlaceOrder command : commands) {
            if (command.pointsToRedeem() > 0) {
                throw new IllegalArgumentException("Orders recorded in bulk cannot spend points");
            }
            Order order = Order.draft(command, catalogue, currency, command.placedAt(), zones.get(command.storeId()));
            order.payWithPoints(0, new io.guanxi.shared.Money(BigDecimal.ZERO, currency));
            order.takePayments(command.payments());
            orders.add(order);
        }
        ingest(orders, "", actor, false);
        return orders.stream().map(Order::id).toList();
    }

    /**
     * The entitlements of the service packages among the orders' lines, as a single sale grants them
     * ({@link OrderIngestion#place}): one lookup of the batch's SKUs, then a grant per order that has
     * a package (few do).
     */
    private void grantPackages(List<Order> orders, Map<Long, ZoneId> zones, String actor) {
        java.util.Set<String> skus = new java.util.HashSet<>();
        orders.forEach(order -> order.lines().forEach(line -> skus.add(line.sku)));
        java.util.Set<String> sold = packages.packageSkus(skus);
        if (sold.isEmpty()) {
            return;
        }
        for (Order order : orders) {
            Map<String, Integer> units = new HashMap<>();
            order.lines().stream()
                    .filter(line -> sold.contains(line.sku))
                    .forEach(line -> units.merge(line.sku, line.quantity, Integer::sum));
            if (!units.isEmpty()) {
                packages.grantForOrder(new PackagePurchase(
                        order.customerId(),
                        order.storeId(),
                        order.source(),
                        order.placedAt(),
                        zones.get(order.storeId()),
                        units,
                        actor));
            }
        }
    }

    private static List<CustomerTotals> totals(List<Order> orders) {
        Map<Long, CustomerTotals> byCustomer = new TreeMap<>();
        for (Order o : orders) {
            byCustomer.merge(
                    o.customerId(),
                    new CustomerTotals(o.customerId(), 1, o.payable(), o.pointsEarned()),
                    (a, b) -> new CustomerTotals(
                            a.customerId(),
                            a.orders() + b.orders(),
                            a.spend().add(b.spend()),
                            a.points() + b.points()));
        }
        return List.copyOf(byCustomer.values());
    }
}
