package io.guanxi.loyalty.domain.coupon;

import io.guanxi.customer.CustomerRegistered;
import io.guanxi.identity.AuditTrail;
import io.guanxi.loyalty.CouponRuleView;
import io.guanxi.loyalty.CouponTrigger;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.NotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rules that issue coupons by themselves: a welcome coupon when a customer registers, a birthday
 * coupon once a year (the daily coupon job), a repurchase coupon after an order of at least an
 * amount (issued in the order's transaction). Each rule issues once per customer and occasion.
 */
@Service
public class CouponRules {

    private final Coupons coupons;
    private final CouponLedger ledger;
    private final AuditTrail audit;
    private final Clock clock;

    CouponRules(Coupons coupons, CouponLedger ledger, AuditTrail audit, Clock clock) {
        this.coupons = coupons;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public CouponRuleView add(CouponTrigger trigger, long templateId, BigDecimal minOrderAmount, String actor) {
        if (coupons.template(templateId).isEmpty()) {
            throw InvalidRequestException.forField("templateId", "no such coupon template");
        }
        if (trigger == CouponTrigger.ORDER_ABOVE && minOrderAmount == null) {
            throw InvalidRequestException.forField("minOrderAmount", "is required for ORDER_ABOVE");
        }
        long id = coupons.insertRule(
                trigger,
                templateId,
                trigger == CouponTrigger.ORDER_ABOVE ? minOrderAmount : null,
                actor,
                clock.instant());
        audit.record("coupon.rule.add", "coupon_rule", id, trigger + " template=" + templateId);
        return find(id);
    }

    @Transactional
    public CouponRuleView activate(long id, boolean active, String actor) {
        find(id);
        coupons.activateRule(id, active);
        audit.record("coupon.rule.active", "coupon_rule", id, "active=" + active);
        return find(id);
    }

    private CouponRuleView find(long id) {
        return coupons.rules().stream()
                .filter(r -> r.id() == id)
                .findFirst()
                .orElseThrow(() -> NotFoundException.of("Coupon rule", id));
    }

    /** A welcome coupon for each new customer, once. */
    @ApplicationModuleListener
    void on(CustomerRegistered registered) {
        ledger.issueByRules(CouponTrigger.SIGN_UP, registered.customerId(), null, "signup", "system");
    }
}
