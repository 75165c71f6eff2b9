package io.guanxi.order.domain;

import io.guanxi.customer.CustomerApi;
import io.guanxi.customer.TimelineEntryPublished;
import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.StoreView;
import io.guanxi.loyalty.CouponApi;
import io.guanxi.loyalty.CouponLine;
import io.guanxi.loyalty.LoyaltyApi;
import io.guanxi.loyalty.PurchaseEarning;
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
        Map<String, ProductView> catalogue = products.bySku(
                command.lines().stream().map(PlaceOrder.Line::sku).toList());
        Money beforeCoupon = null;
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
        }
        Order order = Order.draft(command, catalogue, properties.currency(), placedAt, zone);
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
        coupons.issueAfterOrder(order.customerId(), order.source(), orderAmount, actor.username());
        summaries.orderPlaced(order);
        if (idempotencyKey != null) {
            keys.complete(scope, idempotencyKey, order.id());
        }
        events.publishEvent(new TimelineEntryPublished(
                order.customerId(),
                "ORDER",
                placedAt,
                "ORDER_PLACED",
                "#" + order.id() + " · " + order.payable().toPlainString() + " " + order.currency()
                        + (earned > 0 ? " · +" + earned + " pts" : "")
                        + (command.pointsToRedeem() > 0 ? " · −" + command.pointsToRedeem() + " pts" : ""),
                "order",
                "order:" + order.id(),
                actor.username()));
        events.publishEvent(new OrderPlaced(
                order.id(),
                order.customerId(),
                order.storeId(),
                order.channel(),
                new Money(order.payable(), order.currency()),
                placedAt));
        return new Placed(order.view(List.of()), false);
    }

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
