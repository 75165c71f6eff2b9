package io.guanxi.loyalty.web.api;

import io.guanxi.customer.CustomerApi;
import io.guanxi.identity.IdentityApi;
import io.guanxi.loyalty.ReferralView;
import io.guanxi.loyalty.domain.referral.ReferralRejected;
import io.guanxi.loyalty.domain.referral.Referrals;
import io.guanxi.loyalty.web.ReferralLinks;
import io.guanxi.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Referrals")
@RestController
@RequestMapping("/api/v1/customers/{customerId}")
class ReferralApiController {

    private final Referrals referrals;
    private final ReferralLinks links;
    private final CustomerApi customers;
    private final IdentityApi identity;

    ReferralApiController(Referrals referrals, ReferralLinks links, CustomerApi customers, IdentityApi identity) {
        this.referrals = referrals;
        this.links = links;
        this.customers = customers;
        this.identity = identity;
    }

    /** A customer's referral code and link, who referred them, and whom they referred. */
    record ReferralSummary(
            String code, String link, ReferralView referredBy, int successes, List<ReferralView> referrals) {}

    record ReferralCode(String code, String link) {}

    record Referred(@NotBlank @Size(max = 32) String code) {}

    @Operation(summary = "The customer's referral code and link, who referred them and whom they referred")
    @GetMapping("/referrals")
    ReferralSummary summary(@PathVariable long customerId) {
        requireVisible(customerId);
        String code = referrals.code(customerId).orElse(null);
        return new ReferralSummary(
                code,
                links.linkFor(code),
                referrals.byReferee(customerId).orElse(null),
                referrals.successes(customerId),
                referrals.byReferrer(customerId, 200));
    }

    @Operation(summary = "Give the customer a referral code to share (a repeat returns the same code)")
    @PostMapping("/referral-code")
    ResponseEntity<ReferralCode> code(@PathVariable long customerId) {
        requireVisible(customerId);
        String code = referrals.codeFor(customerId);
        return ResponseEntity.created(URI.create("/api/v1/customers/" + customerId + "/referrals"))
                .body(new ReferralCode(code, links.linkFor(code)));
    }

    @Operation(
            summary = "Record that the customer was referred by the owner of a code. Refused (400, reason in"
                    + " the problem) for an unknown code, the same customer, a shared phone, e-mail, ID number or"
                    + " address, a circular referral, a customer who is not new or has bought already; 409 when"
                    + " the customer was referred before")
    @PostMapping("/referrals")
    ResponseEntity<ReferralView> refer(@PathVariable long customerId, @Valid @RequestBody Referred referred) {
        requireVisible(customerId);
        ReferralView referral;
        try {
            referral = referrals.refer(
                    referred.code(), customerId, identity.requireCurrentUser().username());
        } catch (ReferralRejected refused) {
            throw refused.asInvalidRequest();
        }
        return ResponseEntity.created(URI.create("/api/v1/customers/" + customerId + "/referrals"))
                .body(referral);
    }

    private void requireVisible(long customerId) {
        if (customers.find(customerId, identity.scopeOfCurrentUser()).isEmpty()) {
            throw NotFoundException.of("Customer", customerId);
        }
    }
}
