package io.guanxi.loyalty.web.api;

import io.guanxi.customer.CustomerApi;
import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.ScopeFilter;
import io.guanxi.loyalty.CouponEventView;
import io.guanxi.loyalty.CouponRuleView;
import io.guanxi.loyalty.CouponTemplateView;
import io.guanxi.loyalty.CouponTrigger;
import io.guanxi.loyalty.CouponView;
import io.guanxi.loyalty.NewCouponTemplate;
import io.guanxi.loyalty.domain.coupon.CouponLedger;
import io.guanxi.loyalty.domain.coupon.CouponRules;
import io.guanxi.loyalty.domain.coupon.Coupons;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Coupons")
@RestController
class CouponApiController {

    private final CouponLedger ledger;
    private final Coupons coupons;
    private final CouponRules rules;
    private final CustomerApi customers;
    private final IdentityApi identity;

    CouponApiController(
            CouponLedger ledger, Coupons coupons, CouponRules rules, CustomerApi customers, IdentityApi identity) {
        this.ledger = ledger;
        this.coupons = coupons;
        this.rules = rules;
        this.customers = customers;
        this.identity = identity;
    }

    record TemplateChange(
            @NotBlank @Size(max = 100) String name,
            @NotNull Boolean active,
            @Positive Integer perCustomerLimit,
            @Positive Integer totalQuantity) {}

    record Issue(
            @NotEmpty @Size(max = 1000) List<@NotNull Long> customerIds,
            @Size(max = 64) String campaign) {}

    record IssueResult(int issued, List<Long> skipped, List<CouponView> coupons) {}

    record CustomerIssue(@NotNull Long templateId) {}

    record VoidRequest(@NotBlank @Size(max = 500) String reason) {}

    record NewRule(
            @NotNull CouponTrigger trigger,
            @NotNull Long templateId,
            @DecimalMin("0.01") BigDecimal minOrderAmount) {}

    record RuleChange(@NotNull Boolean active) {}

    /** A coupon with its history. */
    record CouponDetail(CouponView coupon, List<CouponEventView> history) {}

    @Operation(summary = "Coupon templates, active first")
    @GetMapping("/api/v1/loyalty/coupon-templates")
    List<CouponTemplateView> templates() {
        return coupons.templates().stream().map(t -> t.view()).toList();
    }

    @Operation(summary = "One coupon template")
    @GetMapping("/api/v1/loyalty/coupon-templates/{id}")
    CouponTemplateView template(@PathVariable long id) {
        return coupons.template(id)
                .orElseThrow(() -> NotFoundException.of("Coupon template", id))
                .view();
    }

    @Operation(
            summary = "Create a coupon template: AMOUNT_OFF, PERCENT_OFF (with maxDiscount), THRESHOLD (满减:"
                    + " amountOff from minSpend), FREE_SERVICE (SKUs/categories), GIFT (benefit); validity fixed"
                    + " (validFrom–validUntil) or validDays after issue. Money terms never change afterwards")
    @PostMapping("/api/v1/loyalty/coupon-templates")
    ResponseEntity<CouponTemplateView> createTemplate(@Valid @RequestBody NewCouponTemplate template) {
        CouponTemplateView created = ledger.createTemplate(template, actor());
        return ResponseEntity.created(URI.create("/api/v1/loyalty/coupon-templates/" + created.id()))
                .body(created);
    }

    @Operation(summary = "Rename a template, change its limits or (de)activate it; money terms and validity stay")
    @PutMapping("/api/v1/loyalty/coupon-templates/{id}")
    CouponTemplateView updateTemplate(@PathVariable long id, @Valid @RequestBody TemplateChange change) {
        return ledger.updateTemplate(
                id, change.name(), change.active(), change.perCustomerLimit(), change.totalQuantity(), actor());
    }

    @Operation(
            summary = "Issue a coupon of the template to each customer (at most 1,000 per call; a campaign code"
                    + " marks a campaign issue). Customers at the per-customer limit are skipped; when the total"
                    + " quantity cannot cover the rest nothing is issued (409)")
    @PostMapping("/api/v1/loyalty/coupon-templates/{id}/issues")
    ResponseEntity<IssueResult> issue(@PathVariable long id, @Valid @RequestBody Issue issue) {
        ScopeFilter scope = identity.scopeOfCurrentUser();
        for (int i = 0; i < issue.customerIds().size(); i++) {
            if (customers.find(issue.customerIds().get(i), scope).isEmpty()) {
                throw InvalidRequestException.forField("customerIds[" + i + "]", "no such customer in your data scope");
            }
        }
        boolean campaign = issue.campaign() != null && !issue.campaign().isBlank();
        CouponLedger.Issued issued = ledger.issue(
                id,
                issue.customerIds().stream()
                        .map(c -> new CouponLedger.Recipient(c, null))
                        .toList(),
                campaign ? CouponLedger.Via.CAMPAIGN : CouponLedger.Via.MANUAL,
                issue.campaign(),
                actor());
        return ResponseEntity.status(201)
                .body(new IssueResult(issued.coupons().size(), issued.skipped(), issued.coupons()));
    }

    @Operation(summary = "A customer's coupons (held, used, expired, voided), newest first")
    @GetMapping("/api/v1/customers/{customerId}/coupons")
    List<CouponView> customerCoupons(@PathVariable long customerId) {
        requireVisible(customerId);
        return coupons.ofCustomer(customerId);
    }

    @Operation(summary = "Issue one coupon of a template to the customer; 409 at the per-customer or total limit")
    @PostMapping("/api/v1/customers/{customerId}/coupons")
    ResponseEntity<CouponView> issueToCustomer(@PathVariable long customerId, @Valid @RequestBody CustomerIssue issue) {
        requireVisible(customerId);
        CouponView coupon = ledger.issueOne(issue.templateId(), customerId, CouponLedger.Via.MANUAL, null, actor());
        return ResponseEntity.created(URI.create("/api/v1/loyalty/coupons/" + coupon.code()))
                .body(coupon);
    }

    @Operation(summary = "Look up a coupon by its code, with its history")
    @GetMapping("/api/v1/loyalty/coupons/{code}")
    CouponDetail coupon(@PathVariable String code) {
        CouponView coupon = visibleCoupon(code);
        return new CouponDetail(coupon, coupons.history(coupon.id()));
    }

    @Operation(summary = "Void an unused coupon, with a reason (audited); 409 when it is not ISSUED")
    @PostMapping("/api/v1/loyalty/coupons/{code}/void")
    CouponView voidCoupon(@PathVariable String code, @Valid @RequestBody VoidRequest request) {
        CouponView coupon = visibleCoupon(code);
        return ledger.voidCoupon(coupon.code(), request.reason(), actor());
    }

    @Operation(summary = "Rules that issue coupons by themselves")
    @GetMapping("/api/v1/loyalty/coupon-rules")
    List<CouponRuleView> rules() {
        return coupons.rules();
    }

    @Operation(
            summary = "Add a rule: SIGN_UP (new customers), BIRTHDAY_MONTH (once a year, by the daily job),"
                    + " ORDER_ABOVE (a repurchase coupon after an order of at least minOrderAmount)")
    @PostMapping("/api/v1/loyalty/coupon-rules")
    ResponseEntity<CouponRuleView> addRule(@Valid @RequestBody NewRule rule) {
        CouponRuleView created = rules.add(rule.trigger(), rule.templateId(), rule.minOrderAmount(), actor());
        return ResponseEntity.created(URI.create("/api/v1/loyalty/coupon-rules/" + created.id()))
                .body(created);
    }

    @Operation(summary = "Switch a rule on or off")
    @PutMapping("/api/v1/loyalty/coupon-rules/{id}")
    CouponRuleView changeRule(@PathVariable long id, @Valid @RequestBody RuleChange change) {
        return rules.activate(id, change.active(), actor());
    }

    private CouponView visibleCoupon(String code) {
        CouponView coupon = coupons.byCode(code.strip().toUpperCase(java.util.Locale.ROOT))
                .orElseThrow(() -> NotFoundException.of("Coupon", code));
        if (customers.find(coupon.customerId(), identity.scopeOfCurrentUser()).isEmpty()) {
            throw NotFoundException.of("Coupon", code);
        }
        return coupon;
    }

    private void requireVisible(long customerId) {
        if (customers.find(customerId, identity.scopeOfCurrentUser()).isEmpty()) {
            throw NotFoundException.of("Customer", customerId);
        }
    }

    private String actor() {
        return identity.requireCurrentUser().username();
    }
}
