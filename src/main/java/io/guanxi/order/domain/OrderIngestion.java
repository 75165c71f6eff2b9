package io.guanxi.order.domain;

import io.guanxi.customer.CustomerApi;
import io.guanxi.customer.TimelineEntryPublished;
import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.StoreView;
import io.guanxi.loyalty.LoyaltyApi;
import io.guanxi.loyalty.PackagePurchase;
import io.guanxi.loyalty.PurchaseEarning;
import io.guanxi.loyalty.ServicePackageApi;
import io.guanxi.loyalty.TierActivity;
import io.guanxi.loyalty.TierApi;
import io.guanxi.loyalty.TierView;
import io.guanxi.order.OrderPlaced;
import io.guanxi.order.OrderView;
import io.guanxi.order.PlaceOrder;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.Money;
import io.guanxi.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records an order, whichever way it comes in (API, page, import): prices it, spends the points it
 * uses, earns the points it gives, updates the customer's purchase aggregates and announces it — all
 * in one transaction, so nothing is half done. With an Idempotency-Key a repeat returns the first
 * order and creates nothing.
 */
@Service
public class OrderIngestion {

    private final Orders orders;
    private final Products products;
    private final PurchaseSummaries summaries;
    private final IdempotencyKeys keys;
    private final CustomerApi customers;
    private final IdentityApi identity;
    private final LoyaltyApi loyalty;
    private final ServicePackageApi packages;
    private final TierApi tiers;
    private final OrderProperties properties;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    OrderIngestion(
            Orders orders,
            Products products,
            PurchaseSummaries summaries,
            IdempotencyKeys keys,
            CustomerApi customers,
            IdentityApi identity,
            LoyaltyApi loyalty,
            ServicePackageApi packages,
            TierApi tiers,
            OrderProperties properties,
            ApplicationEventPublisher events,
            JsonMapper json,
            Clock clock) {
        this.orders = orders;
        this.products = products;
        this.summaries = summaries;
        this.keys = keys;
        this.customers = customers;
        this.identity = identity;
        this.loyalty = loyalty;
        this.packages = packages;
        this.tiers = tiers;
        this.properties = properties;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** The order, and whether it is the result of an earlier request with the same key. */
    public record Placed(OrderView order, boolean replayed) {}

    @Transactional
    public Placed place(PlaceOrder command, String idempotencyKey, CurrentUser actor) {
        Instant now = clock.instant();
        String scope = "orders:" + actor.id();
        if (idempotencyKey != null) {
            Optional<Long> earlier =
                    keys.claim(scope, idempotencyKey, IdempotencyKeys.hash(json.writeValueAsString(command)), now);
            if (earlier.isPresent()) {
                return new Placed(view(earlier.get()), true);
            }
        }
        if (customers.find(command.customerId(), identity.scopeOf(actor)).isEmpty()) {
            throw InvalidRequestException.forField("customerId", "no such customer in your data scope");
        }
        StoreView store = identity.store(command.storeId())
                .orElseThrow(() -> InvalidRequestException.forField("storeId", "no such store"));
        ZoneId zone = ZoneId.of(store.zoneId());
        Instant placedAt = command.placedAt() == null ? now : command.placedAt();
        if (placedAt.isAfter(now.plusSeconds(300))) {
            throw InvalidRequestException.forField("placedAt", "must not be in the future");
        }
        Order order = Order.draft(
                command,
                products.bySku(
                        command.lines().stream().map(PlaceOrder.Line::sku).toList()),
                properties.currency(),
                placedAt,
                zone);
        TierView tier = tiers.currentTier(command.customerId());
        order.applyTierDiscount(tier.code(), tier.benefits().discountOn(order.payable()));
        Money deduction = loyalty.cashDeduction(command.pointsToRedeem(), new Money(order.payable(), order.currency()));
        order.payWithPoints(command.pointsToRedeem(), deduction);
        order.takePayments(command.payments());
        orders.insert(order, actor.username(), now);
        if (command.pointsToRedeem() > 0) {
            loyalty.redeemOnOrder(order.customerId(), command.pointsToRedeem(), order.source(), actor.username());
        }
        long earned = loyalty.earnForPurchase(new PurchaseEarning(
                order.customerId(),
                order.source(),
                placedAt,
                zone,
                order.campaign(),
                order.paidPerCategory(),
                actor.username()));
        orders.recordPointsEarned(order, earned);
        Map<String, Integer> units = command.lines().stream()
                .collect(Collectors.toMap(PlaceOrder.Line::sku, PlaceOrder.Line::quantity, Integer::sum));
        packages.grantForOrder(new PackagePurchase(
                order.customerId(), order.storeId(), order.source(), placedAt, zone, units, actor.username()));
        tiers.recordPurchase(new TierActivity(
                order.customerId(),
                order.source(),
                order.source(),
                order.businessDate(),
                order.payable(),
                1,
                earned,
                actor.username()));
        summaries.orderPlaced(order);
        if (idempotencyKey != null) {
            keys.complete(scope, idempotencyKey, order.id());
        }
        events.publishEvent(timelineEntry(order, actor.username()));
        events.publishEvent(new OrderPlaced(
                order.id(),
                order.customerId(),
                order.storeId(),
                order.channel(),
                new Money(order.payable(), order.currency()),
                placedAt));
        return new Placed(order.view(List.of()), false);
    }

    /** The order's line on the customer's timeline, the same whichever way the order came in. */
    static TimelineEntryPublished timelineEntry(Order order, String actor) {
        return new TimelineEntryPublished(
                order.customerId(),
                "ORDER",
                order.placedAt(),
                "ORDER_PLACED",
                "#" + order.id() + " · " + order.payable().toPlainString() + " " + order.currency()
                        + (order.pointsEarned() > 0 ? " · +" + order.pointsEarned() + " pts" : "")
                        + (order.pointsUsed() > 0 ? " · −" + order.pointsUsed() + " pts" : ""),
                "order",
                "order:" + order.id(),
                actor);
    }

    /** The order an earlier request of this user with this Idempotency-Key placed, if any (a form sent twice). */
    @Transactional(readOnly = true)
    public Optional<Long> placedWith(String idempotencyKey, CurrentUser actor) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return Optional.empty();
        }
        return keys.resourceOf("orders:" + actor.id(), idempotencyKey);
    }

    /** What an order would cost, priced like {@link #place} (tier discount, points), without writing anything. */
    public record Quote(
            String currency,
            java.math.BigDecimal subtotal,
            java.math.BigDecimal orderDiscount,
            java.math.BigDecimal couponAmount,
            TierView tier,
            java.math.BigDecimal tierDiscount,
            long pointsUsed,
            java.math.BigDecimal pointsAmount,
            java.math.BigDecimal payable) {}

    @Transactional(readOnly = true)
    public Quote quote(PlaceOrder command, CurrentUser actor) {
        if (customers.find(command.customerId(), identity.scopeOf(actor)).isEmpty()) {
            throw InvalidRequestException.forField("customerId", "no such customer in your data scope");
        }
        StoreView store = identity.store(command.storeId())
                .orElseThrow(() -> InvalidRequestException.forField("storeId", "no such store"));
        Instant now = clock.instant();
        Order order = Order.draft(
                command,
                products.bySku(
                        command.lines().stream().map(PlaceOrder.Line::sku).toList()),
                properties.currency(),
                now,
                ZoneId.of(store.zoneId()));
        TierView tier = tiers.currentTier(command.customerId());
        order.applyTierDiscount(tier.code(), tier.benefits().discountOn(order.payable()));
        Money deduction = loyalty.cashDeduction(command.pointsToRedeem(), new Money(order.payable(), order.currency()));
        order.payWithPoints(command.pointsToRedeem(), deduction);
        return new Quote(
                order.currency(),
                order.subtotal(),
                order.orderDiscount(),
                order.couponAmount(),
                tier,
                order.tierDiscount(),
                order.pointsUsed(),
                order.pointsAmount(),
                order.payable());
    }

    @Transactional(readOnly = true)
    public OrderView view(long orderId) {
        Order order = orders.find(orderId).orElseThrow(() -> NotFoundException.of("Order", orderId));
        return order.view(orders.refunds(orderId, order.currency()));
    }
}
