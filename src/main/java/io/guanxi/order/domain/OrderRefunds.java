package io.guanxi.order.domain;

import io.guanxi.customer.CustomerApi;
import io.guanxi.customer.TimelineEntryPublished;
import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.IdentityApi;
import io.guanxi.loyalty.CouponApi;
import io.guanxi.loyalty.LoyaltyApi;
import io.guanxi.loyalty.PackageReturn;
import io.guanxi.loyalty.RefundReversal;
import io.guanxi.loyalty.ReversalResult;
import io.guanxi.loyalty.ServicePackageApi;
import io.guanxi.order.OrderRefunded;
import io.guanxi.order.OrderStatus;
import io.guanxi.order.RefundOrder;
import io.guanxi.order.RefundView;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.Money;
import io.guanxi.shared.NotFoundException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Full and partial refunds. The order row is locked so refunds of one order happen one after the
 * other; the refund takes back the refunded share of the earned points and gives back the share of
 * the points spent on the order, in the same transaction. Cancelling gives the order's coupon back
 * (usable again while valid); a refund, partial or full, keeps it used. Once the order is cancelled
 * or refunded in full, what it gave is taken back too: the repurchase coupons it issued, while
 * unused, are voided (those of a rule the order no longer reaches after a partial refund too), and a
 * referral it made succeed is undone (through {@code LoyaltyApi}).
 */
@Service
public class OrderRefunds {

    private final Orders orders;
    private final PurchaseSummaries summaries;
    private final IdempotencyKeys keys;
    private final CustomerApi customers;
    private final IdentityApi identity;
    private final LoyaltyApi loyalty;
    private final ServicePackageApi packages;
    private final CouponApi coupons;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    OrderRefunds(
            Orders orders,
            PurchaseSummaries summaries,
            IdempotencyKeys keys,
            CustomerApi customers,
            IdentityApi identity,
            LoyaltyApi loyalty,
            ServicePackageApi packages,
            CouponApi coupons,
            ApplicationEventPublisher events,
            JsonMapper json,
            Clock clock) {
        this.orders = orders;
        this.summaries = summaries;
        this.keys = keys;
        this.customers = customers;
        this.identity = identity;
        this.loyalty = loyalty;
        this.packages = packages;
        this.coupons = coupons;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** The refund, and whether it is the result of an earlier request with the same key. */
    public record Refunded(RefundView refund, boolean replayed) {}

    @Transactional
    public Refunded refund(long orderId, RefundOrder command, String idempotencyKey, CurrentUser actor) {
        return payBack(orderId, command, idempotencyKey, actor, false);
    }

    /** Cancels an order: a full refund (points included), and the order leaves the aggregates. */
    @Transactional
    public Refunded cancel(long orderId, String reason, String idempotencyKey, CurrentUser actor) {
        return payBack(orderId, new RefundOrder(List.of(), reason), idempotencyKey, actor, true);
    }

    private Refunded payBack(
            long orderId, RefundOrder command, String idempotencyKey, CurrentUser actor, boolean cancel) {
        Instant now = clock.instant();
        if (command.reason() != null && command.reason().strip().length() > 500) {
            throw InvalidRequestException.forField("reason", "at most 500 characters");
        }
        String scope = (cancel ? "cancellations:" : "refunds:") + orderId + ":" + actor.id();
        if (idempotencyKey != null) {
            Optional<Long> earlier =
                    keys.claim(scope, idempotencyKey, IdempotencyKeys.hash(json.writeValueAsString(command)), now);
            if (earlier.isPresent()) {
                return new Refunded(refundView(orderId, earlier.get()), true);
            }
        }
        Order order = orders.lock(orderId).orElseThrow(() -> NotFoundException.of("Order", orderId));
        if (customers.find(order.customerId(), identity.scopeOf(actor)).isEmpty()) {
            throw NotFoundException.of("Order", orderId);
        }
        Order.Refund refund = cancel ? order.cancel() : order.refund(command);
        String reason = command.reason() == null ? null : command.reason().strip();
        long refundId = orders.insertRefund(order, refund, reason, actor.username(), now);
        // the coupons the order issued before the points account: an order placed with one of them
        // locks the coupon, then the account, so this path keeps that order
        coupons.voidIssuedAfterOrder(
                order.customerId(),
                order.source(),
                keptForCouponRules(order, refund),
                "refund:" + refundId,
                actor.username());
        ReversalResult points = loyalty.reverseForRefund(new RefundReversal(
                order.customerId(),
                order.source(),
                "refund:" + refundId,
                refund.shareAfter(),
                new Money(refund.amount(), order.currency()),
                actor.username(),
                now,
                order.paidPerCategory(),
                order.refundedPerCategory()));
        Map<String, Integer> returned = new HashMap<>();
        refund.quantities().forEach((line, units) -> returned.merge(line.sku, units, Integer::sum));
        packages.revokeForRefund(new PackageReturn(
                order.customerId(), order.source(), "refund:" + refundId, returned, actor.username(), now));
        BigDecimal deduction = points.deduction().amount().min(refund.amount());
        BigDecimal paidOut = refund.amount().subtract(deduction);
        orders.completeRefund(refundId, paidOut, deduction, points.pointsReversed(), points.pointsRestored());
        if (cancel && order.couponCode() != null) {
            coupons.returnFromCancelledOrder(order.source(), "refund:" + refundId, actor.username());
        }
        if (cancel) {
            summaries.rebuild(order.customerId());
        } else {
            summaries.orderRefunded(order, refund, paidOut);
        }
        if (idempotencyKey != null) {
            keys.complete(scope, idempotencyKey, refundId);
        }
        events.publishEvent(new TimelineEntryPublished(
                order.customerId(),
                "ORDER",
                now,
                cancel ? "ORDER_CANCELLED" : "ORDER_REFUNDED",
                "#" + orderId + " · " + paidOut.toPlainString() + " " + order.currency()
                        + (points.pointsReversed() > 0 ? " · −" + points.pointsReversed() + " pts" : ""),
                "order",
                "refund:" + refundId,
                actor.username()));
        events.publishEvent(new OrderRefunded(
                orderId,
                refundId,
                order.customerId(),
                new Money(paidOut, order.currency()),
                order.status() != OrderStatus.PARTIALLY_REFUNDED));
        return new Refunded(refundView(orderId, refundId, order.currency()), false);
    }

    /**
     * What the order still counts for the repurchase coupon rules after a refund: the amount they were
     * given at the order (what was left to pay before points) in the share not refunded; null when
     * nothing is left (cancelled or refunded in full).
     */
    private static Money keptForCouponRules(Order order, Order.Refund refund) {
        if (order.status() == OrderStatus.CANCELLED || order.status() == OrderStatus.REFUNDED) {
            return null;
        }
        BigDecimal counted = order.payable().add(order.pointsAmount());
        return new Money(
                counted.multiply(BigDecimal.ONE.subtract(refund.shareAfter())).setScale(2, RoundingMode.HALF_UP),
                order.currency());
    }

    /** A replayed request: the order is not loaded yet. */
    private RefundView refundView(long orderId, long refundId) {
        Order order = orders.find(orderId).orElseThrow(() -> NotFoundException.of("Order", orderId));
        return refundView(orderId, refundId, order.currency());
    }

    private RefundView refundView(long orderId, long refundId, String currency) {
        return orders.refunds(orderId, currency).stream()
                .filter(r -> r.id() == refundId)
                .findFirst()
                .orElseThrow(() -> NotFoundException.of("Refund", refundId));
    }
}
