package io.guanxi.loyalty;

import io.guanxi.loyalty.domain.coupon.CouponLedger;
import io.guanxi.loyalty.domain.coupon.CouponRules;
import io.guanxi.loyalty.domain.coupon.Coupons;
import io.guanxi.loyalty.domain.coupon.RewardCatalogue;
import io.guanxi.shared.Money;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other modules may ask of coupons. The order module prices and uses a coupon inside its own
 * transaction, so an order and its coupon are written together or not at all; the marketing module
 * issues coupons to the customers of a campaign.
 */
@Service
public class CouponApi {

    private final CouponLedger ledger;
    private final Coupons coupons;
    private final CouponRules rules;
    private final RewardCatalogue catalogue;

    CouponApi(CouponLedger ledger, Coupons coupons, CouponRules rules, RewardCatalogue catalogue) {
        this.ledger = ledger;
        this.coupons = coupons;
        this.rules = rules;
        this.catalogue = catalogue;
    }

    /**
     * What the coupon takes off an order of these lines ({@code payable}: what is left to pay before
     * it). A problem (400) for an unknown code or one that does not apply, a conflict (409) for a coupon
     * used, expired, voided or not yet valid. Writes nothing.
     */
    public Money quote(long customerId, String code, List<CouponLine> lines, Money payable) {
        return ledger.quote(customerId, code, lines, payable);
    }

    /**
     * How a coupon's discount spreads over an order's lines, in the lines' order: on the lines it
     * applies to only, adding up to the discount exactly.
     */
    @Transactional(readOnly = true)
    public List<Money> allocation(String code, List<CouponLine> lines, Money discount) {
        return ledger.allocation(code, lines, discount.amount()).stream()
                .map(amount -> new Money(amount, discount.currency()))
                .toList();
    }

    /**
     * Uses the coupon on an order ({@code orderSource} e.g. {@code order:42}) priced with
     * {@code discount}; a conflict when it was used meanwhile, and the caller's transaction rolls back.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public CouponView redeemOnOrder(
            long customerId,
            String code,
            String orderSource,
            List<CouponLine> lines,
            Money payable,
            Money discount,
            String actor) {
        return ledger.redeemOnOrder(customerId, code, orderSource, lines, payable, discount, actor);
    }

    /** A cancelled order gives its coupon back (usable again while valid); refunds keep it used. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void returnFromCancelledOrder(String orderSource, String reference, String actor) {
        ledger.returnFromOrder(orderSource, reference, actor);
    }

    /**
     * Voids the repurchase coupons {@link #issueAfterOrder} gave for an order that no longer earns
     * them, those still unused (one already used on another order stays used): all of them when the
     * order is cancelled or refunded in full ({@code kept} null), else those of rules above what a
     * partly refunded order still amounts to ({@code kept}, counted as for {@link #issueAfterOrder}).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<CouponView> voidIssuedAfterOrder(
            long customerId, String orderSource, Money kept, String reference, String actor) {
        return ledger.voidIssuedAfterOrder(customerId, orderSource, kept, reference, actor);
    }

    /** Issues the repurchase coupons the order rules give for an order of {@code amount}; never fails the order. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<CouponView> issueAfterOrder(long customerId, String orderSource, Money amount, String actor) {
        return ledger.issueByRules(CouponTrigger.ORDER_ABOVE, customerId, amount, orderSource, actor);
    }

    /**
     * Issues one coupon of a template to each customer (e.g. a campaign's audience), set-based; the
     * caller vouches for the ids. Customers at the per-customer limit are skipped; when the total
     * quantity cannot cover the rest nothing is issued (a conflict).
     */
    @Transactional
    public List<CouponView> issueToCustomers(
            long templateId, Collection<Long> customerIds, String campaign, String actor) {
        return ledger.issue(
                        templateId,
                        customerIds.stream()
                                .map(id -> new CouponLedger.Recipient(id, null))
                                .toList(),
                        campaign == null ? CouponLedger.Via.MANUAL : CouponLedger.Via.CAMPAIGN,
                        campaign,
                        actor)
                .coupons();
    }

    /** Creates a coupon template (see {@link NewCouponTemplate}). */
    public CouponTemplateView createTemplate(NewCouponTemplate template, String actor) {
        return ledger.createTemplate(template, actor);
    }

    /** Adds a rule that issues coupons of a template by itself. */
    public CouponRuleView addRule(
            CouponTrigger trigger, long templateId, java.math.BigDecimal minOrderAmount, String actor) {
        return rules.add(trigger, templateId, minOrderAmount, actor);
    }

    /** Adds an item to the points redemption catalogue. */
    public RewardItemView addReward(NewRewardItem item, String actor) {
        return catalogue.create(item, actor);
    }

    /** Whether any coupon template exists (demo data fills an empty catalogue only). */
    public boolean anyTemplate() {
        return !coupons.templates().isEmpty();
    }

    /** A customer's coupons, newest first. */
    public List<CouponView> coupons(long customerId) {
        return coupons.ofCustomer(customerId);
    }
}
