package io.guanxi.loyalty.web;

import io.guanxi.customer.CustomerApi;
import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.ScopeFilter;
import io.guanxi.loyalty.ReferralView;
import io.guanxi.loyalty.domain.referral.ReferralRejected;
import io.guanxi.loyalty.domain.referral.Referrals;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.NotFoundException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The referral panel of the customer page (code, link, who referred them, whom they referred, a form
 * to record a code) and the public page a referral link opens.
 */
@Controller
class ReferralWebController {

    private final Referrals referrals;
    private final ReferralLinks links;
    private final CustomerApi customers;
    private final IdentityApi identity;

    ReferralWebController(Referrals referrals, ReferralLinks links, CustomerApi customers, IdentityApi identity) {
        this.referrals = referrals;
        this.links = links;
        this.customers = customers;
        this.identity = identity;
    }

    @GetMapping("/loyalty/customers/{customerId}/referrals")
    String panel(@PathVariable long customerId, Model model) {
        return panel(customerId, model, null, null);
    }

    @PostMapping("/loyalty/customers/{customerId}/referral-code")
    String makeCode(@PathVariable long customerId, Model model) {
        requireVisible(customerId);
        referrals.codeFor(customerId);
        return panel(customerId, model, null, null);
    }

    @PostMapping("/loyalty/customers/{customerId}/referrals")
    String refer(@PathVariable long customerId, @RequestParam(defaultValue = "") String code, Model model) {
        requireVisible(customerId);
        try {
            referrals.refer(code, customerId, identity.requireCurrentUser().username());
            return panel(customerId, model, null, null);
        } catch (ReferralRejected e) {
            return panel(customerId, model, "referral.refused." + e.reason().name(), code);
        } catch (ConflictException e) {
            return panel(customerId, model, "referral.refused.ALREADY_REFERRED", code);
        }
    }

    private String panel(long customerId, Model model, String error, String enteredCode) {
        requireVisible(customerId);
        String code = referrals.code(customerId).orElse(null);
        Optional<ReferralView> referredBy = referrals.byReferee(customerId);
        List<ReferralView> made = referrals.byReferrer(customerId, 50);
        Set<Long> ids = new HashSet<>();
        referredBy.ifPresent(r -> ids.add(r.referrerId()));
        made.forEach(r -> ids.add(r.refereeId()));
        Map<Long, String> found = customers.displayNames(ids, identity.scopeOfCurrentUser());
        Map<Long, String> names = new LinkedHashMap<>();
        ids.forEach(id -> names.put(id, found.getOrDefault(id, "#" + id)));
        model.addAttribute("customerId", customerId);
        model.addAttribute("code", code);
        model.addAttribute("link", links.linkFor(code));
        model.addAttribute("referredBy", referredBy.orElse(null));
        model.addAttribute("referrals", made);
        model.addAttribute("successes", referrals.successes(customerId));
        model.addAttribute("names", names);
        model.addAttribute("referralError", error);
        model.addAttribute("enteredCode", enteredCode);
        return "loyalty/referrals :: panel";
    }

    /** What a referral link opens: who invites (the name masked) and the code to give in store. */
    @GetMapping("/r/{code}")
    String landing(@PathVariable String code, Model model) {
        Optional<Long> owner = referrals.owner(code);
        model.addAttribute("code", owner.isPresent() ? code.strip().toUpperCase(java.util.Locale.ROOT) : null);
        model.addAttribute(
                "inviter",
                owner.flatMap(id -> customers.find(id, ScopeFilter.all()))
                        .map(c -> maskName(c.displayName()))
                        .orElse(null));
        return "loyalty/referral-landing";
    }

    /** 王小明 → 王**; Alice Wang → A**** (no full name on a public page). */
    static String maskName(String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        String stripped = name.strip();
        int first = stripped.offsetByCodePoints(0, 1);
        int rest = Math.min(4, stripped.codePointCount(first, stripped.length()));
        return stripped.substring(0, first) + "*".repeat(Math.max(rest, 1));
    }

    private void requireVisible(long customerId) {
        if (customers.find(customerId, identity.scopeOfCurrentUser()).isEmpty()) {
            throw NotFoundException.of("Customer", customerId);
        }
    }
}
