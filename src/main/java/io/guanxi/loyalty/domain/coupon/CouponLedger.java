package io.guanxi.loyalty.domain.coupon;

import io.guanxi.customer.CustomerApi;
import io.guanxi.customer.TimelineEntryPublished;
import io.guanxi.identity.AuditTrail;
import io.guanxi.loyalty.CouponLine;
import io.guanxi.loyalty.CouponState;
import io.guanxi.loyalty.CouponTemplateView;
import io.guanxi.loyalty.CouponTrigger;
import io.guanxi.loyalty.CouponView;
import io.guanxi.loyalty.NewCouponTemplate;
import io.guanxi.loyalty.domain.LoyaltyProperties;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.Money;
import io.guanxi.shared.NotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every change to coupons goes through here. Issuing locks the template row, so the per-customer
 * and total limits hold however many issue at once; using, returning, voiding and expiring lock the
 * coupon row and move it only from the state they expect, each move with a row in the coupon's
 * append-only history. An order uses at most one coupon, and a coupon at most one order.
 */
@Service
public class CouponLedger {

    /** How a coupon came to be issued. */
    public enum Via {
        MANUAL,
        CAMPAIGN,
        RULE,
        CATALOGUE,
        BIRTHDAY_PACK
    }

    /** Who gets a coupon, and the source that makes issuing it once only (null = no such guard). */
    public record Recipient(long customerId, String source) {}

    /** What an issue did: the coupons written, and the customers skipped because they reached the per-customer limit. */
    public record Issued(List<CouponView> coupons, List<Long> skipped) {}

    /** Up to this many coupons issued at once reach the timeline as events; more go through the bulk path. */
    static final int EVENTS_UP_TO = 100;

    private final Coupons coupons;
    private final CustomerApi customers;
    private final LoyaltyProperties properties;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;
    private final String currency;

    CouponLedger(
            Coupons coupons,
            CustomerApi customers,
            LoyaltyProperties properties,
            ApplicationEventPublisher events,
            AuditTrail audit,
            Clock clock,
            @Value("${guanxi.loyalty.currency:${guanxi.order.currency:CNY}}") String currency) {
        this.coupons = coupons;
        this.customers = customers;
        this.properties = properties;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
        this.currency = currency;
    }

    // ---- templates

    @Transactional
    public CouponTemplateView createTemplate(NewCouponTemplate command, String actor) {
        CouponTemplate template = CouponTemplate.define(command, currency, clock.instant());
        long id = coupons.insertTemplate(template, actor);
        audit.record("coupon.template.create", "coupon_template", id, template.kind() + " " + template.name());
        return coupons.template(id).orElseThrow().view();
    }

    /**
     * Changes what may change on a template: its name, limits and whether it issues. The money terms
     * and validity never change (create a new template instead), so issued coupons keep their meaning.
     */
    @Transactional
    public CouponTemplateView updateTemplate(
            long id, String name, boolean active, Integer perCustomerLimit, Integer totalQuantity, String actor) {
        CouponTemplate template =
                coupons.lockTemplate(id).orElseThrow(() -> NotFoundException.of("Coupon template", id));
        if (name == null || name.isBlank()) {
            throw InvalidRequestException.forField("name", "is required");
        }
        if (totalQuantity != null && totalQuantity < template.issuedCount()) {
            throw InvalidRequestException.forField(
                    "totalQuantity", template.issuedCount() + " coupons were already issued");
        }
        if ((perCustomerLimit != null && perCustomerLimit < 1) || (totalQuantity != null && totalQuantity < 1)) {
            throw InvalidRequestException.forField("limits", "must be positive or empty");
        }
        coupons.updateTemplate(id, name.strip(), active, perCustomerLimit, totalQuantity, clock.instant());
        audit.record(
                "coupon.template.update",
                "coupon_template",
                id,
                "name=" + name.strip() + " active=" + active + " perCustomer=" + perCustomerLimit + " total="
                        + totalQuantity);
        return coupons.template(id).orElseThrow().view();
    }

    // ---- issuing

    /**
     * Issues one coupon of a template to each customer (a customer listed twice gets two). Customers
     * who would exceed the per-customer limit are skipped; when the total quantity cannot cover the
     * rest, nothing is issued (a conflict). Recipients whose source was already issued are skipped too.
     */
    @Transactional
    public Issued issue(long templateId, List<Recipient> recipients, Via via, String campaign, String actor) {
        Instant now = clock.instant();
        CouponTemplate template =
                coupons.lockTemplate(templateId).orElseThrow(() -> NotFoundException.of("Coupon template", templateId));
        if (!template.active()) {
            throw ConflictException.because("Coupon template " + templateId + " is not active");
        }
        CouponTemplate.Validity validity = template.validity(now, properties.zone());
        if (!validity.until().isAfter(now)) {
            throw ConflictException.because("Coupon template " + templateId + " has ended");
        }
        java.util.Set<String> done = coupons.issuedSources(recipients.stream()
                .map(Recipient::source)
                .filter(java.util.Objects::nonNull)
                .toList());
        List<Recipient> wanted = recipients.stream()
                .filter(r -> r.source() == null || !done.contains(r.source()))
                .toList();
        Map<Long, Integer> held = coupons.issuedPerCustomer(
                templateId,
                new LinkedHashSet<>(wanted.stream().map(Recipient::customerId).toList()));
        List<Coupons.NewCoupon> rows = new ArrayList<>();
        List<Long> skipped = new ArrayList<>();
        for (Recipient r : wanted) {
            int already = held.getOrDefault(r.customerId(), 0);
            if (template.perCustomerLimit() != null && already >= template.perCustomerLimit()) {
                skipped.add(r.customerId());
                continue;
            }
            held.put(r.customerId(), already + 1);
            rows.add(new Coupons.NewCoupon(
                    CouponCodes.next(),
                    templateId,
                    r.customerId(),
                    validity.from(),
                    validity.until(),
                    via.name(),
                    blankToNull(campaign),
                    r.source(),
                    actor,
                    now));
        }
        if (template.totalQuantity() != null && template.issuedCount() + rows.size() > template.totalQuantity()) {
            throw ConflictException.because("Coupon template " + templateId + " has "
                    + (template.totalQuantity() - template.issuedCount()) + " coupons left, " + rows.size()
                    + " were asked for");
        }
        if (rows.isEmpty()) {
            return new Issued(List.of(), skipped);
        }
        coupons.insert(rows);
        coupons.countIssued(templateId, rows.size());
        List<CouponView> issued =
                coupons.byCodes(rows.stream().map(Coupons.NewCoupon::code).toList());
        if (issued.size() <= EVENTS_UP_TO) {
            for (CouponView c : issued) {
                timeline(c, "COUPON_ISSUED", c.templateName(), "issued", actor, now);
            }
        } else {
            customers.publishTimeline(issued.stream()
                    .map(c -> entry(c, "COUPON_ISSUED", c.templateName(), "issued", actor, now))
                    .iterator());
        }
        return new Issued(issued, skipped);
    }

    /** Issues one coupon to one customer; a conflict when the customer reached the per-customer limit. */
    @Transactional
    public CouponView issueOne(long templateId, long customerId, Via via, String source, String actor) {
        Issued issued = issue(templateId, List.of(new Recipient(customerId, source)), via, null, actor);
        if (issued.coupons().isEmpty()) {
            if (source != null) {
                return coupons.bySource(source).orElseThrow();
            }
            throw ConflictException.because("Customer " + customerId + " already holds the most coupons of template "
                    + templateId + " allowed");
        }
        return issued.coupons().get(0);
    }

    /**
     * Issues the coupons the active rules with this trigger give, once per rule and occasion
     * ({@code occasion} e.g. {@code order:42} or {@code 2026}); rules whose template is inactive,
     * ended or used up issue nothing and never fail the caller.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<CouponView> issueByRules(
            CouponTrigger trigger, long customerId, Money amount, String occasion, String actor) {
        List<CouponView> issued = new ArrayList<>();
        for (var rule : coupons.rules()) {
            if (!rule.active() || rule.trigger() != trigger) {
                continue;
            }
            if (trigger == CouponTrigger.ORDER_ABOVE
                    && (amount == null
                            || rule.minOrderAmount() == null
                            || !rule.minOrderAmount().currency().equals(amount.currency())
                            || amount.amount().compareTo(rule.minOrderAmount().amount()) < 0)) {
                continue;
            }
            issueIfUsable(
                            rule.templateId(),
                            new Recipient(customerId, "rule:" + rule.id() + ":" + customerId + ":" + occasion),
                            Via.RULE,
                            actor)
                    .ifPresent(issued::add);
        }
        return issued;
    }

    /**
     * Issues one coupon in the caller's transaction when the template can issue it now (active, not
     * ended, not used up, the customer below the per-customer limit); otherwise issues nothing and
     * never fails the caller. A source issued before issues nothing again.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public java.util.Optional<CouponView> issueIfUsable(long templateId, Recipient recipient, Via via, String actor) {
        java.util.Optional<CouponTemplate> found = coupons.lockTemplate(templateId);
        if (found.isEmpty()) {
            return java.util.Optional.empty();
        }
        CouponTemplate template = found.get();
        Instant now = clock.instant();
        boolean usable = template.active()
                && template.validity(now, properties.zone()).until().isAfter(now)
                && (template.totalQuantity() == null || template.issuedCount() < template.totalQuantity());
        if (!usable) {
            return java.util.Optional.empty();
        }
        return issue(templateId, List.of(recipient), via, null, actor).coupons().stream()
                .findFirst();
    }

    // ---- using

    /**
     * What the coupon takes off an order of these lines, where {@code payable} is what is left to pay
     * before it. Checks that it is the customer's, unused and valid now; writes nothing.
     */
    @Transactional(readOnly = true)
    public Money quote(long customerId, String code, List<CouponLine> lines, Money payable) {
        CouponView coupon = coupons.byCode(CouponCodes.normalise(code))
                .filter(c -> c.customerId() == customerId)
                .orElseThrow(() -> InvalidRequestException.forField("couponCode", "no such coupon for this customer"));
        return new Money(price(coupon, lines, payable, clock.instant()), payable.currency());
    }

    /** How the coupon's {@code discount} spreads over the order's lines ({@link CouponTemplate#allocate}). */
    public List<BigDecimal> allocation(String code, List<CouponLine> lines, BigDecimal discount) {
        CouponView coupon = coupons.byCode(CouponCodes.normalise(code))
                .orElseThrow(() -> InvalidRequestException.forField("couponCode", "no such coupon"));
        return coupons.template(coupon.templateId()).orElseThrow().allocate(lines, discount);
    }

    /**
     * Uses a coupon on an order, in the order's transaction: locks it, checks it again, and marks it
     * redeemed on {@code orderSource}. A coupon already used (e.g. by an order placed at the same
     * time) is a conflict, and the caller's transaction rolls back. {@code expected} is the discount
     * the order was priced with; it must still be what the coupon gives.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public CouponView redeemOnOrder(
            long customerId,
            String code,
            String orderSource,
            List<CouponLine> lines,
            Money payable,
            Money expected,
            String actor) {
        Instant now = clock.instant();
        CouponView coupon = coupons.lockByCode(CouponCodes.normalise(code))
                .filter(c -> c.customerId() == customerId)
                .orElseThrow(() -> InvalidRequestException.forField("couponCode", "no such coupon for this customer"));
        BigDecimal discount = price(coupon, lines, payable, now);
        if (discount.compareTo(expected.amount()) != 0) {
            throw ConflictException.because("Coupon " + coupon.code() + " changed while the order was priced");
        }
        if (!coupons.move(
                coupon.id(),
                CouponState.ISSUED,
                CouponState.REDEEMED,
                "REDEEMED",
                orderSource,
                discount,
                orderSource,
                actor,
                null,
                now)) {
            throw ConflictException.because("Coupon " + coupon.code() + " was used meanwhile");
        }
        CouponView used = coupons.byCode(coupon.code()).orElseThrow();
        timeline(
                used,
                "COUPON_REDEEMED",
                used.templateName() + " · −" + discount.toPlainString() + " " + payable.currency(),
                "redeemed:" + orderSource,
                actor,
                now);
        return used;
    }

    private BigDecimal price(CouponView coupon, List<CouponLine> lines, Money payable, Instant now) {
        switch (coupon.state()) {
            case ISSUED -> {}
            case REDEEMED -> throw ConflictException.because("Coupon " + coupon.code() + " was already used");
            case EXPIRED -> throw ConflictException.because("Coupon " + coupon.code() + " has expired");
            case VOIDED -> throw ConflictException.because("Coupon " + coupon.code() + " was voided");
        }
        if (now.isBefore(coupon.validFrom())) {
            throw ConflictException.because("Coupon " + coupon.code() + " is not valid yet");
        }
        if (!now.isBefore(coupon.validUntil())) {
            throw ConflictException.because("Coupon " + coupon.code() + " has expired");
        }
        CouponTemplate template = coupons.template(coupon.templateId()).orElseThrow();
        try {
            return template.discount(lines, payable);
        } catch (CouponTemplate.NotApplicable e) {
            throw InvalidRequestException.forField("couponCode", e.getMessage());
        }
    }

    /**
     * Gives back the coupon a cancelled order used: it is usable again while still valid, otherwise it
     * expires. Partial and full refunds keep the coupon used. Does nothing when the order used none.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void returnFromOrder(String orderSource, String reference, String actor) {
        Instant now = clock.instant();
        coupons.lockRedeemedOn(orderSource).ifPresent(coupon -> {
            boolean valid = now.isBefore(coupon.validUntil());
            coupons.move(
                    coupon.id(),
                    CouponState.REDEEMED,
                    valid ? CouponState.ISSUED : CouponState.EXPIRED,
                    valid ? "RETURNED" : "EXPIRED",
                    null,
                    null,
                    reference,
                    actor,
                    valid ? "order cancelled" : "order cancelled after the coupon's validity",
                    now);
            timeline(coupon, "COUPON_RETURNED", coupon.templateName(), "returned:" + reference, actor, now);
        });
    }

    /**
     * Voids the repurchase coupons an order issued ({@link #issueByRules} with the order as occasion,
     * for the customer it was placed for) once the order no longer earns them: all of them when it is
     * cancelled or refunded in full ({@code kept} null), else those of rules whose amount the order,
     * after a partial refund, no longer reaches ({@code kept}: what it still counts for the rules).
     * What the order gave is taken back, as its points are. Only unused coupons are voided; one
     * already used on another order stays used (its discount is part of that order), and an expired
     * or voided one is left as it is. Answers the coupons voided.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<CouponView> voidIssuedAfterOrder(
            long customerId, String orderSource, Money kept, String reference, String actor) {
        List<String> sources = coupons.rules().stream()
                .filter(rule -> rule.trigger() == CouponTrigger.ORDER_ABOVE)
                .filter(rule -> kept == null
                        || rule.minOrderAmount() == null
                        || !rule.minOrderAmount().currency().equals(kept.currency())
                        || kept.amount().compareTo(rule.minOrderAmount().amount()) < 0)
                .map(rule -> "rule:" + rule.id() + ":" + customerId + ":" + orderSource)
                .toList();
        Instant now = clock.instant();
        List<CouponView> voided = new ArrayList<>();
        for (CouponView coupon : coupons.lockBySources(sources)) {
            if (coupons.move(
                    coupon.id(),
                    CouponState.ISSUED,
                    CouponState.VOIDED,
                    "VOIDED",
                    null,
                    null,
                    reference,
                    actor,
                    kept == null
                            ? "issued by " + orderSource + ", cancelled or refunded in full"
                            : "issued by " + orderSource + ", refunded below the rule's amount",
                    now)) {
                timeline(coupon, "COUPON_VOIDED", coupon.templateName() + " · " + orderSource, "voided", actor, now);
                voided.add(coupon);
            }
        }
        return voided;
    }

    /** Voids an unused coupon with a reason (audited); a used, expired or voided coupon is a conflict. */
    @Transactional
    public CouponView voidCoupon(String code, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw InvalidRequestException.forField("reason", "is required");
        }
        Instant now = clock.instant();
        CouponView coupon =
                coupons.lockByCode(CouponCodes.normalise(code)).orElseThrow(() -> NotFoundException.of("Coupon", code));
        if (!coupons.move(
                coupon.id(),
                CouponState.ISSUED,
                CouponState.VOIDED,
                "VOIDED",
                null,
                null,
                null,
                actor,
                reason.strip(),
                now)) {
            throw ConflictException.because("Coupon " + coupon.code() + " is " + coupon.state() + ", not ISSUED");
        }
        audit.record("coupon.void", "customer", coupon.customerId(), "coupon=" + coupon.code() + " reason=" + reason);
        timeline(coupon, "COUPON_VOIDED", coupon.templateName() + " · " + reason.strip(), "voided", actor, now);
        return coupons.byCode(coupon.code()).orElseThrow();
    }

    /** Expires up to {@code batch} coupons whose validity ended; returns how many (0 when none are due). */
    @Transactional
    public int expireDue(int batch) {
        return coupons.expireDue(clock.instant(), batch);
    }

    private void timeline(CouponView coupon, String title, String detail, String ref, String actor, Instant at) {
        events.publishEvent(entry(coupon, title, detail, ref, actor, at));
    }

    private static TimelineEntryPublished entry(
            CouponView coupon, String title, String detail, String ref, String actor, Instant at) {
        return new TimelineEntryPublished(
                coupon.customerId(),
                "COUPON",
                at,
                title,
                detail,
                "loyalty",
                "coupon:" + coupon.id() + ":" + ref,
                actor);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
