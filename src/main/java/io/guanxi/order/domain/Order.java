package io.guanxi.order.domain;

import io.guanxi.loyalty.PurchaseEarning;
import io.guanxi.order.OrderStatus;
import io.guanxi.order.OrderView;
import io.guanxi.order.PlaceOrder;
import io.guanxi.order.ProductView;
import io.guanxi.order.RefundOrder;
import io.guanxi.order.RefundView;
import io.guanxi.order.SalesChannel;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.InvalidRequestException.FieldProblem;
import io.guanxi.shared.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An order and its money: lines (unit price, quantity, line discount), the order discount and coupon,
 * the part paid with points, what is left to pay, and what has been refunded. Prices the order when
 * it is drafted, and works out each refund so that, refund after refund, the order is paid back
 * exactly what was paid — never more.
 */
public final class Order {

    private Long id;
    private final long customerId;
    private final long storeId;
    private final SalesChannel channel;
    private OrderStatus status;
    private final String externalRef;
    private final Instant placedAt;
    private final LocalDate businessDate;
    private final String currency;
    private final BigDecimal subtotal;
    private final BigDecimal orderDiscount;
    private final String couponCode;
    private final BigDecimal couponAmount;
    private long pointsUsed;
    private BigDecimal pointsAmount;
    private BigDecimal payable;
    /** {@link #paidPerCategory()} once worked out; forgotten whenever what is to pay changes. */
    private List<PurchaseEarning.CategoryAmount> paidPerCategory;

    private BigDecimal refunded;
    private long pointsEarned;
    private final String campaign;
    private String tierCode;
    private BigDecimal tierDiscount;
    private final List<Line> lines;
    private final List<OrderView.PaymentView> payments = new ArrayList<>();

    /** One order line; {@code refundedQuantity} grows with refunds. */
    public static final class Line {
        final int lineNo;
        final long productId;
        final String sku;
        final String category;
        final int quantity;
        final BigDecimal unitPrice;
        final BigDecimal discount;
        final BigDecimal net;
        int refundedQuantity;
        /**
         * The part of the order's coupon taken off this line ({@link #allocateCoupon}); null for an
         * order whose coupon was spread over all its lines (placed before coupons were put on lines).
         */
        BigDecimal couponShare;

        /** {@code couponShare} null: the order's coupon is spread over all lines ({@link #allocateCoupon}). */
        Line(
                int lineNo,
                long productId,
                String sku,
                String category,
                int quantity,
                BigDecimal unitPrice,
                BigDecimal discount,
                BigDecimal net,
                int refundedQuantity,
                BigDecimal couponShare) {
            this.lineNo = lineNo;
            this.productId = productId;
            this.sku = sku;
            this.category = category;
            this.quantity = quantity;
            this.unitPrice = unitPrice;
            this.discount = discount;
            this.net = net;
            this.refundedQuantity = refundedQuantity;
            this.couponShare = couponShare;
        }

        BigDecimal netPart(int units) {
            return net.multiply(BigDecimal.valueOf(units))
                    .divide(BigDecimal.valueOf(quantity), 10, RoundingMode.HALF_UP);
        }
    }

    /** A refund worked out: the units per line, the money before any points deduction, the share refunded so far. */
    public record Refund(
            Map<Line, Integer> quantities,
            BigDecimal amount,
            BigDecimal shareAfter,
            Map<String, BigDecimal> perCategory) {}

    Order(
            Long id,
            long customerId,
            long storeId,
            SalesChannel channel,
            OrderStatus status,
            String externalRef,
            Instant placedAt,
            LocalDate businessDate,
            String currency,
            BigDecimal subtotal,
            BigDecimal orderDiscount,
            String couponCode,
            BigDecimal couponAmount,
            long pointsUsed,
            BigDecimal pointsAmount,
            BigDecimal payable,
            BigDecimal refunded,
            long pointsEarned,
            String campaign,
            List<Line> lines,
            String tierCode,
            BigDecimal tierDiscount) {
        this.id = id;
        this.customerId = customerId;
        this.storeId = storeId;
        this.channel = channel;
        this.status = status;
        this.externalRef = externalRef;
        this.placedAt = placedAt;
        this.businessDate = businessDate;
        this.currency = currency;
        this.subtotal = subtotal;
        this.orderDiscount = orderDiscount;
        this.couponCode = couponCode;
        this.couponAmount = couponAmount;
        this.pointsUsed = pointsUsed;
        this.pointsAmount = pointsAmount;
        this.payable = payable;
        this.refunded = refunded;
        this.pointsEarned = pointsEarned;
        this.campaign = campaign;
        this.lines = List.copyOf(lines);
        this.tierCode = tierCode;
        this.tierDiscount = tierDiscount;
    }

    /** Prices a new order from the catalogue; what is left to pay before points is {@link #payable()}. */
    public static Order draft(
            PlaceOrder command, Map<String, ProductView> products, String currency, Instant placedAt, ZoneId zone) {
        List<FieldProblem> problems = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        BigDecimal subtotal = BigDecimal.ZERO;
        for (int i = 0; i < command.lines().size(); i++) {
            PlaceOrder.Line line = command.lines().get(i);
            String field = "lines[" + i + "]";
            ProductView product = products.get(line.sku());
            if (product == null || !product.active()) {
                problems.add(new FieldProblem(field + ".sku", "no such product on sale: " + line.sku()));
                continue;
            }
            Money unit = line.unitPrice() == null ? product.price() : line.unitPrice();
            Money discount = line.discount() == null ? new Money(BigDecimal.ZERO, currency) : line.discount();
            if (!unit.currency().equals(currency) || !discount.currency().equals(currency)) {
                problems.add(new FieldProblem(field, "amounts must be in " + currency));
                continue;
            }
            BigDecimal gross = unit.amount().multiply(BigDecimal.valueOf(line.quantity()));
            if (unit.isNegative() || discount.isNegative() || discount.amount().compareTo(gross) > 0) {
                problems.add(new FieldProblem(field + ".discount", "must lie between 0 and the line amount"));
                continue;
            }
            BigDecimal net = gross.subtract(discount.amount());
            subtotal = subtotal.add(net);
            lines.add(new Line(
                    i + 1,
                    product.id(),
                    product.sku(),
                    product.categoryCode(),
                    line.quantity(),
                    unit.amount(),
                    discount.amount(),
                    net,
                    0,
                    null));
        }
        BigDecimal discount = amount(command.orderDiscount(), currency, "orderDiscount", problems);
        BigDecimal coupon = amount(command.couponAmount(), currency, "couponAmount", problems);
        if (coupon.signum() > 0
                && (command.couponCode() == null || command.couponCode().isBlank())) {
            problems.add(new FieldProblem("couponCode", "is required with a coupon amount"));
        }
        BigDecimal payable = subtotal.subtract(discount).subtract(coupon);
        if (problems.isEmpty() && payable.signum() < 0) {
            problems.add(new FieldProblem("orderDiscount", "discounts and coupon exceed the order amount"));
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.forFields(problems);
        }
        Instant at = placedAt;
        return new Order(
                null,
                command.customerId(),
                command.storeId(),
                command.channel(),
                OrderStatus.PLACED,
                blankToNull(command.externalRef()),
                at,
                at.atZone(zone).toLocalDate(),
                currency,
                subtotal,
                discount,
                blankToNull(command.couponCode()),
                coupon,
                0,
                BigDecimal.ZERO,
                payable,
                BigDecimal.ZERO,
                0,
                blankToNull(command.campaign()),
                lines,
                null,
                BigDecimal.ZERO);
    }

    private static BigDecimal amount(Money money, String currency, String field, List<FieldProblem> problems) {
        if (money == null) {
            return BigDecimal.ZERO;
        }
        if (!money.currency().equals(currency)) {
            problems.add(new FieldProblem(field, "must be in " + currency));
            return BigDecimal.ZERO;
        }
        if (money.isNegative()) {
            problems.add(new FieldProblem(field, "must not be negative"));
            return BigDecimal.ZERO;
        }
        return money.amount();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * Puts the coupon on the lines it applies to ({@code shares} in the lines' order, adding up to the
     * coupon amount): what a line paid is then its net amount less its part of the coupon, with the
     * other order-level reductions spread over what is left. Without this the coupon is spread over
     * every line, as any order-level discount is.
     */
    public void allocateCoupon(List<BigDecimal> shares) {
        if (shares.size() != lines.size()) {
            throw new IllegalArgumentException("One coupon share per line");
        }
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < shares.size(); i++) {
            BigDecimal share = shares.get(i);
            if (share.signum() < 0 || share.compareTo(lines.get(i).net) > 0) {
                throw new IllegalArgumentException("A line's coupon share lies between 0 and its net amount");
            }
            total = total.add(share);
        }
        if (total.compareTo(couponAmount) != 0) {
            throw new IllegalArgumentException("The coupon shares add up to " + total + ", not " + couponAmount);
        }
        for (int i = 0; i < shares.size(); i++) {
            lines.get(i).couponShare = shares.get(i);
        }
        this.paidPerCategory = null;
    }

    /**
     * The customer's membership tier takes {@code discount} off what is left to pay (before points).
     * Like every order-level discount it lowers what each line paid, so refunds stay proportional.
     */
    public void applyTierDiscount(String tier, BigDecimal discount) {
        if (discount.signum() < 0 || discount.compareTo(payable) > 0) {
            throw new IllegalArgumentException("A tier discount lies between 0 and what is left to pay");
        }
        this.tierCode = tier;
        this.tierDiscount = discount;
        this.payable = payable.subtract(discount);
        this.paidPerCategory = null;
    }

    /** Pays part of the order with points worth {@code deduction}. */
    public void payWithPoints(long points, Money deduction) {
        if (deduction.amount().compareTo(payable) > 0) {
            throw InvalidRequestException.forField("pointsToRedeem", "points would pay more than the order");
        }
        this.pointsUsed = points;
        this.pointsAmount = deduction.amount();
        this.payable = payable.subtract(deduction.amount());
        this.paidPerCategory = null;
    }

    /** Records the payments; they must add up to what is left to pay. */
    public void takePayments(List<PlaceOrder.Payment> given) {
        if (given.isEmpty()) {
            return;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (PlaceOrder.Payment payment : given) {
            if (!payment.amount().currency().equals(currency)
                    || payment.amount().isNegative()) {
                throw InvalidRequestException.forField("payments", "amounts must be positive and in " + currency);
            }
            total = total.add(payment.amount().amount());
            payments.add(new OrderView.PaymentView(payment.method().strip(), payment.amount()));
        }
        if (total.compareTo(payable) != 0) {
            throw InvalidRequestException.forField(
                    "payments", "add up to " + total.toPlainString() + " but " + money(payable) + " is to pay");
        }
    }

    /** What was paid per product category (the order-level discounts, coupon and points spread over lines). */
    public List<PurchaseEarning.CategoryAmount> paidPerCategory() {
        if (paidPerCategory == null) {
            Map<String, BigDecimal> perCategory = new LinkedHashMap<>();
            for (Line line : lines) {
                perCategory.merge(line.category, paidFor(line.net, couponOn(line)), BigDecimal::add);
            }
            List<PurchaseEarning.CategoryAmount> paid = new ArrayList<>(perCategory.size());
            perCategory.forEach((category, amount) ->
                    paid.add(new PurchaseEarning.CategoryAmount(category, new Money(amount, currency))));
            paidPerCategory = List.copyOf(paid);
        }
        return paidPerCategory;
    }

    /**
     * What has been refunded so far per category, on the same footing as {@link #paidPerCategory}
     * (the paid share of each line's refunded units), for the points those units earned.
     */
    public List<PurchaseEarning.CategoryAmount> refundedPerCategory() {
        Map<String, BigDecimal> perCategory = new LinkedHashMap<>();
        for (Line line : lines) {
            if (line.refundedQuantity > 0) {
                perCategory.merge(
                        line.category,
                        paidFor(line.netPart(line.refundedQuantity), couponPart(line, line.refundedQuantity)),
                        BigDecimal::add);
            }
        }
        List<PurchaseEarning.CategoryAmount> refunded = new ArrayList<>(perCategory.size());
        perCategory.forEach((category, amount) ->
                refunded.add(new PurchaseEarning.CategoryAmount(category, new Money(amount, currency))));
        return refunded;
    }

    /** Units bought per category. */
    public Map<String, Long> quantityPerCategory() {
        Map<String, Long> quantities = new HashMap<>();
        lines.forEach(line -> quantities.merge(line.category, (long) line.quantity, Long::sum));
        return quantities;
    }

    /**
     * The coupon's part on a line: as allocated, or (an order whose coupon was not put on lines) its
     * share of the net amounts, to 10 places, as the purchase aggregates' rebuild works it out.
     */
    private BigDecimal couponOn(Line line) {
        if (line.couponShare != null) {
            return line.couponShare;
        }
        if (couponAmount.signum() == 0 || subtotal.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return line.net.multiply(couponAmount).divide(subtotal, 10, RoundingMode.HALF_UP);
    }

    /** The coupon's part on {@code units} of the line, on the footing of {@link Line#netPart}. */
    private BigDecimal couponPart(Line line, int units) {
        return couponOn(line)
                .multiply(BigDecimal.valueOf(units))
                .divide(BigDecimal.valueOf(line.quantity), 10, RoundingMode.HALF_UP);
    }

    /**
     * What a part of a line paid: its net less its part of the coupon, times what was paid of the
     * whole after the coupon (the other order-level reductions spread in proportion).
     */
    private BigDecimal paidFor(BigDecimal netPart, BigDecimal couponPart) {
        BigDecimal base = subtotal.subtract(couponAmount);
        if (base.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        return netPart.subtract(couponPart).multiply(payable).divide(base, 2, RoundingMode.HALF_UP);
    }

    /**
     * Works out and applies a refund. The money is the paid share of the refunded units, computed on
     * the cumulative refunded share so that rounding never drifts: after the last unit exactly what
     * was paid has come back.
     */
    public Refund refund(RefundOrder command) {
        if (status == OrderStatus.CANCELLED) {
            throw InvalidRequestException.because("Order " + id + " is cancelled");
        }
        Map<Line, Integer> quantities = new LinkedHashMap<>();
        if (command.lines().isEmpty()) {
            for (Line line : lines) {
                if (line.refundedQuantity < line.quantity) {
                    quantities.put(line, line.quantity - line.refundedQuantity);
                }
            }
        } else {
            for (RefundOrder.Line requested : command.lines()) {
                Line line = lines.stream()
                        .filter(l -> l.lineNo == requested.lineNo())
                        .findFirst()
                        .orElseThrow(() -> InvalidRequestException.forField(
                                "lines", "the order has no line " + requested.lineNo()));
                int already = quantities.getOrDefault(line, 0);
                // in long: a line asked for twice with huge quantities must not overflow past the check
                if (requested.quantity() < 1
                        || (long) line.refundedQuantity + already + requested.quantity() > line.quantity) {
                    throw InvalidRequestException.forField(
                            "lines",
                            "line " + line.lineNo + " has only " + (line.quantity - line.refundedQuantity - already)
                                    + " units left to refund");
                }
                quantities.put(line, already + requested.quantity());
            }
        }
        if (quantities.isEmpty()) {
            throw InvalidRequestException.because("Nothing is left to refund on order " + id);
        }
        Map<String, BigDecimal> perCategory = new LinkedHashMap<>();
        quantities.forEach((line, qty) -> {
            line.refundedQuantity += qty;
            perCategory.merge(line.category, paidFor(line.netPart(qty), couponPart(line, qty)), BigDecimal::add);
        });
        boolean all = lines.stream().allMatch(l -> l.refundedQuantity == l.quantity);
        BigDecimal base = subtotal.subtract(couponAmount);
        BigDecimal share;
        if (all) {
            share = BigDecimal.ONE;
        } else if (base.signum() <= 0) {
            share = BigDecimal.ZERO;
        } else {
            // of what the lines came to after their coupon parts: a line the coupon made free is none of it
            BigDecimal refundedNet = BigDecimal.ZERO;
            for (Line line : lines) {
                refundedNet = refundedNet
                        .add(line.netPart(line.refundedQuantity))
                        .subtract(couponPart(line, line.refundedQuantity));
            }
            share = refundedNet.divide(base, 10, RoundingMode.HALF_UP).min(BigDecimal.ONE);
        }
        BigDecimal cumulative = all
                ? payable
                : payable.multiply(share).setScale(2, RoundingMode.HALF_UP).min(payable);
        BigDecimal amount = cumulative.subtract(refunded).max(BigDecimal.ZERO);
        refunded = refunded.add(amount);
        status = all ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED;
        return new Refund(quantities, amount, share, perCategory);
    }

    /**
     * Cancels an order nothing has been refunded of yet: everything is paid back, and the order no
     * longer counts as a purchase.
     */
    public Refund cancel() {
        if (status != OrderStatus.PLACED) {
            throw InvalidRequestException.because(
                    "Only an order without refunds can be cancelled; order " + id + " is " + status);
        }
        Refund refund = refund(new RefundOrder(List.of(), null));
        status = OrderStatus.CANCELLED;
        return refund;
    }

    void stored(long newId) {
        this.id = newId;
    }

    void earned(long points) {
        this.pointsEarned = points;
    }

    public String source() {
        return "order:" + id;
    }

    private String money(BigDecimal amount) {
        return new Money(amount, currency).amount().toPlainString() + " " + currency;
    }

    public OrderView view(List<RefundView> refunds) {
        return new OrderView(
                id,
                customerId,
                storeId,
                channel,
                status,
                externalRef,
                placedAt,
                businessDate,
                m(subtotal),
                m(orderDiscount),
                couponCode,
                m(couponAmount),
                tierCode,
                m(tierDiscount),
                pointsUsed,
                m(pointsAmount),
                m(payable),
                m(refunded),
                pointsEarned,
                campaign,
                lines.stream()
                        .map(l -> new OrderView.LineView(
                                l.lineNo,
                                l.sku,
                                l.category,
                                l.quantity,
                                m(l.unitPrice),
                                m(l.discount),
                                m(l.net),
                                l.refundedQuantity))
                        .toList(),
                List.copyOf(payments),
                refunds);
    }

    private Money m(BigDecimal amount) {
        return new Money(amount, currency);
    }

    void addStoredPayment(OrderView.PaymentView payment) {
        payments.add(payment);
    }

    public Long id() {
        return id;
    }

    public long customerId() {
        return customerId;
    }

    public long storeId() {
        return storeId;
    }

    public SalesChannel channel() {
        return channel;
    }

    public OrderStatus status() {
        return status;
    }

    public String externalRef() {
        return externalRef;
    }

    public Instant placedAt() {
        return placedAt;
    }

    public LocalDate businessDate() {
        return businessDate;
    }

    public String currency() {
        return currency;
    }

    public BigDecimal subtotal() {
        return subtotal;
    }

    public BigDecimal orderDiscount() {
        return orderDiscount;
    }

    public String couponCode() {
        return couponCode;
    }

    public BigDecimal couponAmount() {
        return couponAmount;
    }

    public long pointsUsed() {
        return pointsUsed;
    }

    public BigDecimal pointsAmount() {
        return pointsAmount;
    }

    public BigDecimal payable() {
        return payable;
    }

    public BigDecimal refunded() {
        return refunded;
    }

    public long pointsEarned() {
        return pointsEarned;
    }

    public String campaign() {
        return campaign;
    }

    public String tierCode() {
        return tierCode;
    }

    public BigDecimal tierDiscount() {
        return tierDiscount;
    }

    List<Line> lines() {
        return lines;
    }

    List<OrderView.PaymentView> payments() {
        return payments;
    }
}
