package io.guanxi.loyalty.domain.coupon;

import io.guanxi.loyalty.CouponKind;
import io.guanxi.loyalty.CouponLine;
import io.guanxi.loyalty.CouponTemplateView;
import io.guanxi.loyalty.NewCouponTemplate;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.InvalidRequestException.FieldProblem;
import io.guanxi.shared.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a coupon is worth and for how long. The money terms are fixed when the template is created;
 * {@link #discount} works out what a coupon of it takes off an order, {@link #validity} how long a
 * coupon issued at an instant is valid.
 *
 * <p>The applicable amount is the net of the lines the template applies to (all lines when it names
 * no category or SKU), never more than what is left to pay. One coupon per order; coupons do not
 * stack.
 */
public record CouponTemplate(
        Long id,
        String name,
        CouponKind kind,
        String currency,
        BigDecimal amountOff,
        BigDecimal percentOff,
        BigDecimal maxDiscount,
        BigDecimal minSpend,
        String benefit,
        List<String> categories,
        List<String> skus,
        Instant validFrom,
        Instant validUntil,
        Integer validDays,
        Integer perCustomerLimit,
        Integer totalQuantity,
        int issuedCount,
        boolean active,
        Instant createdAt) {

    public CouponTemplate {
        categories = categories == null ? List.of() : List.copyOf(categories);
        skus = skus == null ? List.of() : List.copyOf(skus);
    }

    /** A coupon of this template is valid from {@code from} (inclusive) until {@code until} (exclusive). */
    public record Validity(Instant from, Instant until) {
        public boolean contains(Instant at) {
            return !at.isBefore(from) && at.isBefore(until);
        }
    }

    /** The coupon cannot be used on this order; the reason says why. */
    public static final class NotApplicable extends RuntimeException {
        NotApplicable(String reason) {
            super(reason);
        }
    }

    /** Checks and normalises a new template. */
    public static CouponTemplate define(NewCouponTemplate t, String currency, Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        // what the API's bean validation says, for every caller (the page's form too), so that no
        // value reaches a column or check it does not fit
        if (t.name() == null || t.name().isBlank() || t.name().strip().length() > 100) {
            problems.add(new FieldProblem("name", "is required, at most 100 characters"));
        }
        if (t.kind() == null) {
            throw InvalidRequestException.forFields(List.of(new FieldProblem("kind", "is required")));
        }
        money(problems, t.amountOff(), "amountOff");
        money(problems, t.maxDiscount(), "maxDiscount");
        money(problems, t.minSpend(), "minSpend");
        if (t.percentOff() != null
                && (t.percentOff().compareTo(new BigDecimal("0.01")) < 0
                        || t.percentOff().compareTo(BigDecimal.valueOf(100)) > 0)) {
            problems.add(new FieldProblem("percentOff", "must lie between 0.01 and 100"));
        }
        if (t.benefit() != null && t.benefit().strip().length() > 200) {
            problems.add(new FieldProblem("benefit", "at most 200 characters"));
        }
        if (String.join(",", t.categories()).length() > 500) {
            problems.add(new FieldProblem("categories", "at most 500 characters in all"));
        }
        if (String.join(",", t.skus()).length() > 1000) {
            problems.add(new FieldProblem("skus", "at most 1000 characters in all"));
        }
        positive(problems, t.validDays(), "validDays");
        positive(problems, t.perCustomerLimit(), "perCustomerLimit");
        positive(problems, t.totalQuantity(), "totalQuantity");
        switch (t.kind()) {
            case AMOUNT_OFF -> require(problems, t.amountOff(), "amountOff");
            case THRESHOLD -> {
                require(problems, t.amountOff(), "amountOff");
                require(problems, t.minSpend(), "minSpend");
                if (t.amountOff() != null
                        && t.minSpend() != null
                        && t.amountOff().compareTo(t.minSpend()) > 0) {
                    problems.add(new FieldProblem("amountOff", "must not exceed minSpend"));
                }
            }
            case PERCENT_OFF -> {
                require(problems, t.percentOff(), "percentOff");
                require(problems, t.maxDiscount(), "maxDiscount");
            }
            case FREE_SERVICE -> {
                if (t.skus().isEmpty() && t.categories().isEmpty()) {
                    problems.add(new FieldProblem("skus", "name the free service (SKUs or categories)"));
                }
            }
            case GIFT -> {
                if (t.benefit() == null || t.benefit().isBlank()) {
                    problems.add(new FieldProblem("benefit", "say what the gift is"));
                }
            }
        }
        if ((t.validDays() == null) == (t.validUntil() == null)) {
            problems.add(new FieldProblem("validDays", "give either validDays or validUntil"));
        }
        if (t.validUntil() != null && t.validFrom() != null && !t.validFrom().isBefore(t.validUntil())) {
            problems.add(new FieldProblem("validUntil", "must be after validFrom"));
        }
        if (t.validUntil() != null && !t.validUntil().isAfter(now)) {
            problems.add(new FieldProblem("validUntil", "must be in the future"));
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.forFields(problems);
        }
        boolean money = t.kind() != CouponKind.GIFT && t.kind() != CouponKind.FREE_SERVICE;
        return new CouponTemplate(
                null,
                t.name().strip(),
                t.kind(),
                currency,
                money && t.kind() != CouponKind.PERCENT_OFF ? scale(t.amountOff()) : null,
                t.kind() == CouponKind.PERCENT_OFF ? t.percentOff() : null,
                t.kind() == CouponKind.PERCENT_OFF ? scale(t.maxDiscount()) : null,
                scale(t.minSpend()),
                t.benefit() == null || t.benefit().isBlank()
                        ? null
                        : t.benefit().strip(),
                t.categories().stream()
                        .map(c -> c.strip().toUpperCase(Locale.ROOT))
                        .distinct()
                        .toList(),
                t.skus().stream().map(String::strip).distinct().toList(),
                t.validUntil() == null ? null : (t.validFrom() == null ? now : t.validFrom()),
                t.validUntil(),
                t.validDays(),
                t.perCustomerLimit(),
                t.totalQuantity(),
                0,
                t.active() == null || t.active(),
                now);
    }

    /** The most a money column (14 digits, 2 after the point) holds. */
    private static final BigDecimal MAX_MONEY = new BigDecimal("999999999999.99");

    private static void money(List<FieldProblem> problems, BigDecimal value, String field) {
        if (value != null && (value.compareTo(new BigDecimal("0.01")) < 0 || value.compareTo(MAX_MONEY) > 0)) {
            problems.add(new FieldProblem(field, "must lie between 0.01 and " + MAX_MONEY.toPlainString()));
        }
    }

    private static void positive(List<FieldProblem> problems, Integer value, String field) {
        if (value != null && value < 1) {
            problems.add(new FieldProblem(field, "must be positive"));
        }
    }

    private static void require(List<FieldProblem> problems, BigDecimal value, String field) {
        if (value == null) {
            problems.add(new FieldProblem(field, "is required for this kind of coupon"));
        }
    }

    private static BigDecimal scale(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * How long a coupon issued at {@code issuedAt} is valid: the template's fixed window, or from the
     * issue until the end of the {@code validDays}-th day after the issue day (in {@code zone}).
     */
    public Validity validity(Instant issuedAt, ZoneId zone) {
        if (validDays != null) {
            Instant until = issuedAt.atZone(zone)
                    .toLocalDate()
                    .plusDays(validDays + 1L)
                    .atStartOfDay(zone)
                    .toInstant();
            return new Validity(issuedAt, until);
        }
        return new Validity(validFrom, validUntil);
    }

    /** Whether the template applies to a line: it names no products, or the line's SKU or category. */
    public boolean appliesTo(CouponLine line) {
        if (categories.isEmpty() && skus.isEmpty()) {
            return true;
        }
        return skus.contains(line.sku())
                || (line.category() != null
                        && categories.contains(line.category().toUpperCase(Locale.ROOT)));
    }

    /**
     * What a coupon of this template takes off an order with these lines, where {@code payable} is
     * what is left to pay before the coupon (after line and order discounts). Throws
     * {@link NotApplicable} when no line qualifies, the threshold is not met, or the currency differs.
     */
    public BigDecimal discount(List<CouponLine> lines, Money payable) {
        if (!payable.currency().equals(currency)) {
            throw new NotApplicable("the coupon is in " + currency + ", the order in " + payable.currency());
        }
        List<CouponLine> applicable = lines.stream().filter(this::appliesTo).toList();
        if (applicable.isEmpty()) {
            throw new NotApplicable("no product on the order qualifies for this coupon");
        }
        BigDecimal base = applicable.stream()
                .map(l -> l.net().amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .min(payable.amount());
        if (minSpend != null && base.compareTo(minSpend) < 0) {
            throw new NotApplicable("the coupon needs " + minSpend.toPlainString() + " " + currency
                    + " of qualifying products, the order has " + base.toPlainString());
        }
        BigDecimal off = switch (kind) {
            case AMOUNT_OFF, THRESHOLD -> amountOff;
            case PERCENT_OFF ->
                base.multiply(percentOff)
                        .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP)
                        .min(maxDiscount);
            case FREE_SERVICE ->
                applicable.stream()
                        .filter(l -> l.quantity() > 0)
                        .map(l -> l.net().amount().divide(BigDecimal.valueOf(l.quantity()), 2, RoundingMode.HALF_UP))
                        .min(BigDecimal::compareTo)
                        .orElse(BigDecimal.ZERO);
            case GIFT -> BigDecimal.ZERO;
        };
        return off.min(base).setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * How a discount of this template spreads over an order's lines: all of it on the lines it applies
     * to, in proportion to their net amounts (a free service: on the line of the cheapest unit), in
     * cents that add up to the discount exactly; nothing on the other lines. So a refund of a line the
     * coupon did not apply to pays back what that line cost, and a refund of a free one pays nothing.
     */
    public List<BigDecimal> allocate(List<CouponLine> lines, BigDecimal discount) {
        // in the currency's smallest unit (cents for CNY, yen for JPY), so the shares add up to the
        // discount exactly as the order states it
        int scale = minorDigits();
        BigDecimal unit = BigDecimal.ONE.movePointLeft(scale);
        BigDecimal[] shares = new BigDecimal[lines.size()];
        java.util.Arrays.fill(shares, BigDecimal.ZERO.setScale(scale));
        List<Integer> applicable = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (appliesTo(lines.get(i)) && lines.get(i).net().amount().signum() > 0) {
                applicable.add(i);
            }
        }
        if (discount.signum() <= 0 || applicable.isEmpty()) {
            return List.of(shares);
        }
        if (kind == CouponKind.FREE_SERVICE) {
            int cheapest = applicable.stream()
                    .min(java.util.Comparator.comparing((Integer i) -> unit(lines.get(i))))
                    .orElseThrow();
            shares[cheapest] = discount.min(lines.get(cheapest).net().amount()).setScale(scale, RoundingMode.HALF_UP);
            return List.of(shares);
        }
        BigDecimal total =
                applicable.stream().map(i -> lines.get(i).net().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal off = discount.min(total);
        BigDecimal given = BigDecimal.ZERO;
        for (int i : applicable) {
            shares[i] = off.multiply(lines.get(i).net().amount()).divide(total, scale, RoundingMode.DOWN);
            given = given.add(shares[i]);
        }
        // the cents rounding left over, one each to the largest lines that still have room
        List<Integer> largestFirst = applicable.stream()
                .sorted(java.util.Comparator.comparing(
                                (Integer i) -> lines.get(i).net().amount())
                        .reversed())
                .toList();
        for (int round = 0; given.compareTo(off) < 0 && round < largestFirst.size() * 2; round++) {
            int i = largestFirst.get(round % largestFirst.size());
            if (shares[i].add(unit).compareTo(lines.get(i).net().amount()) <= 0) {
                shares[i] = shares[i].add(unit);
                given = given.add(unit);
            }
        }
        return List.of(shares);
    }

    private int minorDigits() {
        try {
            int digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
            return digits < 0 ? 2 : digits;
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }

    private static BigDecimal unit(CouponLine line) {
        return line.quantity() <= 0
                ? line.net().amount()
                : line.net().amount().divide(BigDecimal.valueOf(line.quantity()), 2, RoundingMode.HALF_UP);
    }

    public CouponTemplateView view() {
        return new CouponTemplateView(
                id,
                name,
                kind,
                money(amountOff),
                percentOff,
                money(maxDiscount),
                money(minSpend),
                benefit,
                categories,
                skus,
                validFrom,
                validUntil,
                validDays,
                perCustomerLimit,
                totalQuantity,
                issuedCount,
                active,
                createdAt);
    }

    private Money money(BigDecimal amount) {
        return amount == null ? null : new Money(amount, currency);
    }
}
