package io.guanxi.order.domain;

import io.guanxi.customer.CustomerApi;
import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.StoreView;
import io.guanxi.loyalty.CouponApi;
import io.guanxi.loyalty.CouponLine;
import io.guanxi.loyalty.LoyaltyApi;
import io.guanxi.loyalty.PackagePurchase;
import io.guanxi.loyalty.PurchaseEarning;
import io.guanxi.loyalty.ServicePackageApi;
import io.guanxi.loyalty.TierApi;
import io.guanxi.loyalty.TierView;
import io.guanxi.order.OrderPlaced;
import io.guanxi.order.OrderView;
import io.guanxi.order.PlaceOrder;
import io.guanxi.order.ProductView;
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
 * Records an order, whichever way it comes in (API, page, import): prices it (a coupon's discount is
 * worked out here, never taken from the client), uses its coupon, spends the points it uses, earns
 * the points it gives, issues the repurchase coupons the rules give, updates the customer's purchase aggregates and announces it — all
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
    private final CouponApi coupons;
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
            CouponApi coupons,
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
        this.coupons = coupons;
        this.properties = properties;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** The order, and whether it is the result of an earlier request with the same key. */
    public record Placed(OrderView order, boolean replayed) {}

    @Transactional
    public Placed place(PlaceOrder placing, String idempotencyKey, CurrentUser actor) {
        PlaceOrder command = placing;
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
        Priced priced = priced(command, placedAt, zone);
        Order order = priced.order();
        Money beforeCoupon = priced.beforeCoupon();
        Money orderAmount = new Money(order.payable(), order.currency());
        Money deduction = loyalty.cashDeduction(command.pointsToRedeem(), new Money(order.payable(), order.currency()));
        order.payWithPoints(command.pointsToRedeem(), deduction);
        order.takePayments(command.payments());
        orders.insert(order, actor.username(), now);
        if (beforeCoupon != null) {
            coupons.redeemOnOrder(
                    order.customerId(),
                    order.couponCode(),
                    order.source(),
                    couponLines(order),
                    beforeCoupon,
                    new Money(order.couponAmount(), order.currency()),
                    actor.username());
        }
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
        tiers.purchased(order.customerId(), actor.username());
        coupons.issueAfterOrder(order.customerId(), order.source(), orderAmount, actor.username());
        summaries.orderPlaced(order);
        if (idempotencyKey != null) {
            keys.complete(scope, idempotencyKey, order.id());
        }
        events.publishEvent(new OrderPlaced(
                order.id(),
                order.customerId(),
                order.storeId(),
                order.channel(),
                new Money(order.payable(), order.currency()),
                placedAt));
        return new Placed(order.view(List.of()), false);
    }

    /** The order an earlier request of this user with this Idempotency-Key placed, if any (a form sent twice). */
    @Transactional(readOnly = true)
    public Optional<Long> placedWith(String idempotencyKey, CurrentUser actor) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return Optional.empty();
        }
        return keys.resourceOf("orders:" + actor.id(), idempotencyKey);
    }

    /** What an order would cost, priced like {@link #place} (coupon, tier discount, points), without writing anything. */
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
        Order order = priced(command, now, ZoneId.of(store.zoneId())).order();
        TierView tier = tiers.currentTier(command.customerId());
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

    /**
     * Prices an order: catalogue prices and line discounts, then the coupon (its discount worked out
     * here on what is left after the other discounts; a client's {@code couponAmount} must agree),
     * then the customer's tier discount on what remains. Writes nothing.
     */
    private Priced priced(PlaceOrder command, Instant placedAt, ZoneId zone) {
        Map<String, ProductView> catalogue = products.bySku(
                command.lines().stream().map(PlaceOrder.Line::sku).toList());
        Money beforeCoupon = null;
        List<java.math.BigDecimal> couponShares = null;
        if (command.couponCode() != null && !command.couponCode().isBlank()) {
            Order uncouponed =
                    Order.draft(command.withCouponAmount(null), catalogue, properties.currency(), placedAt, zone);
            beforeCoupon = new Money(uncouponed.payable(), uncouponed.currency());
            Money discount =
                    coupons.quote(command.customerId(), command.couponCode(), couponLines(uncouponed), beforeCoupon);
            if (command.couponAmount() != null && !command.couponAmount().equals(discount)) {
                throw InvalidRequestException.forField(
                        "couponAmount",
                        "this coupon takes " + discount.amount().toPlainString() + " " + discount.currency()
                                + " off this order");
            }
            command = command.withCouponAmount(discount);
            couponShares = coupons.allocation(command.couponCode(), couponLines(uncouponed), discount).stream()
                    .map(Money::amount)
                    .toList();
        }
        Order order = Order.draft(command, catalogue, properties.currency(), placedAt, zone);
        if (couponShares != null) {
            order.allocateCoupon(couponShares);
        }
        TierView tier = tiers.currentTier(command.customerId());
        order.applyTierDiscount(tier.code(), tier.benefits().discountOn(order.payable()));
        return new Priced(order, beforeCoupon);
    }

    /** A priced order, and what it came to before its coupon (null without one). */
    private record Priced(Order order, Money beforeCoupon) {}

    private static List<CouponLine> couponLines(Order order) {
        return order.lines().stream()
                .map(l -> new CouponLine(l.sku, l.category, l.quantity, new Money(l.net, order.currency())))
                .toList();
    }

    @Transactional(readOnly = true)
    public OrderView view(long orderId) {
        Order order = orders.find(orderId).orElseThrow(() -> NotFoundException.of("Order", orderId));
        return order.view(orders.refunds(orderId, order.currency()));
    }
}
