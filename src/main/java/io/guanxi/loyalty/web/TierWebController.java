package io.guanxi.loyalty.web;

import io.guanxi.customer.CustomerApi;
import io.guanxi.identity.IdentityApi;
import io.guanxi.loyalty.domain.Memberships;
import io.guanxi.loyalty.domain.PointsAccounts;
import io.guanxi.loyalty.domain.PointsLedger;
import io.guanxi.loyalty.domain.coupon.Coupons;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.NotFoundException;
import io.guanxi.shared.paging.PageQuery;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The tier programme page (admins edit it) and the membership panel on the customer page. */
@Controller
class TierWebController {

    private final Memberships memberships;
    private final PointsLedger ledger;
    private final PointsAccounts accounts;
    private final Coupons coupons;
    private final CustomerApi customers;
    private final IdentityApi identity;

    TierWebController(
            Memberships memberships,
            PointsLedger ledger,
            PointsAccounts accounts,
            Coupons coupons,
            CustomerApi customers,
            IdentityApi identity) {
        this.coupons = coupons;
        this.memberships = memberships;
        this.ledger = ledger;
        this.accounts = accounts;
        this.customers = customers;
        this.identity = identity;
    }

    @GetMapping("/loyalty/tiers")
    String tiers(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", TierFormData.of(memberships.programme()));
        }
        model.addAttribute("couponTemplates", coupons.templates());
        return "loyalty/tiers";
    }

    @PostMapping("/loyalty/tiers")
    String updateTiers(@ModelAttribute("form") TierFormData form, RedirectAttributes redirect) {
        try {
            memberships.update(form.toProgramme(), identity.requireCurrentUser().username());
            redirect.addFlashAttribute("message", "tiers.saved");
        } catch (InvalidRequestException e) {
            form.pad();
            redirect.addFlashAttribute("form", form);
            redirect.addFlashAttribute("error", "tiers.invalid");
            redirect.addFlashAttribute(
                    "errorDetail",
                    e.fieldProblems().isEmpty()
                            ? e.getMessage()
                            : e.fieldProblems().stream()
                                    .map(p -> p.field() + ": " + p.message())
                                    .collect(Collectors.joining("; ")));
        } catch (ConflictException e) {
            form.pad();
            redirect.addFlashAttribute("form", form);
            redirect.addFlashAttribute("error", "tiers.invalid");
            redirect.addFlashAttribute("errorDetail", e.getMessage());
        }
        return "redirect:/loyalty/tiers";
    }

    /** The membership panel the customer page loads: tier, benefits, progress, history, points and recent ledger. */
    @GetMapping("/loyalty/customers/{id}/membership")
    String membership(@PathVariable long id, Model model) {
        if (customers.find(id, identity.scopeOfCurrentUser()).isEmpty()) {
            throw NotFoundException.of("Customer", id);
        }
        model.addAttribute("membership", memberships.membership(id));
        model.addAttribute("tiers", memberships.programme());
        model.addAttribute("points", ledger.balance(id));
        model.addAttribute("ledger", accounts.ledger(id, PageQuery.first(10)));
        return "loyalty/membership :: panel";
    }
}
