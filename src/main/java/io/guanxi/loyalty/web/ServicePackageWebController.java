package io.guanxi.loyalty.web;

import io.guanxi.customer.CustomerApi;
import io.guanxi.identity.IdentityApi;
import io.guanxi.loyalty.domain.care.CareMessages;
import io.guanxi.loyalty.domain.entitlement.Entitlements;
import io.guanxi.loyalty.domain.entitlement.PackageReport;
import io.guanxi.loyalty.domain.entitlement.ServicePackage;
import io.guanxi.loyalty.domain.entitlement.ServicePackages;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.NotFoundException;
import java.time.Clock;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Service packages: their definitions and the usage and renewal report; on the customer page, the
 * panel with the customer's entitlements (redeemable at a visit) and latest care messages.
 */
@Controller
class ServicePackageWebController {

    private final ServicePackages packages;
    private final Entitlements entitlements;
    private final PackageReport report;
    private final CareMessages careMessages;
    private final CustomerApi customers;
    private final IdentityApi identity;
    private final Clock clock;

    ServicePackageWebController(
            ServicePackages packages,
            Entitlements entitlements,
            PackageReport report,
            CareMessages careMessages,
            CustomerApi customers,
            IdentityApi identity,
            Clock clock) {
        this.packages = packages;
        this.entitlements = entitlements;
        this.report = report;
        this.careMessages = careMessages;
        this.customers = customers;
        this.identity = identity;
        this.clock = clock;
    }

    @GetMapping("/loyalty/service-packages")
    String overview(Model model) {
        model.addAttribute("report", report.run());
        model.addAttribute("kinds", ServicePackage.Kind.values());
        return "loyalty/service-packages";
    }

    @PostMapping("/loyalty/service-packages")
    String define(
            @RequestParam String sku,
            @RequestParam String name,
            @RequestParam String kind,
            @RequestParam(required = false) Integer uses,
            @RequestParam(required = false) Integer validityMonths,
            @RequestParam(required = false) Integer reminderDays,
            RedirectAttributes redirect) {
        try {
            ServicePackage.Kind k;
            try {
                k = ServicePackage.Kind.valueOf(kind);
            } catch (IllegalArgumentException e) {
                throw InvalidRequestException.forField("kind", "unknown kind");
            }
            packages.add(ServicePackage.define(sku, name, k, uses, validityMonths, reminderDays), clock.instant());
            redirect.addFlashAttribute("message", "packages.saved");
        } catch (InvalidRequestException | ConflictException e) {
            redirect.addFlashAttribute("errorDetail", e.getMessage());
        }
        return "redirect:/loyalty/service-packages";
    }

    /** The customer page's loyalty panel, loaded by htmx. */
    @GetMapping("/customers/{id}/loyalty-panel")
    String panel(@PathVariable long id, Model model) {
        requireVisible(id);
        return panelModel(id, model, null);
    }

    /** Redeems one use at a visit; htmx swaps the panel, without JavaScript the page is reloaded. */
    @PostMapping("/customers/{id}/entitlements/{entitlementId}/redemptions")
    String redeem(
            @PathVariable long id,
            @PathVariable long entitlementId,
            @RequestParam String reference,
            @RequestParam(required = false) String note,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            RedirectAttributes redirect) {
        requireVisible(id);
        String problem = null;
        try {
            entitlements.redeem(
                    id,
                    entitlementId,
                    reference,
                    note,
                    identity.requireCurrentUser().username());
        } catch (InvalidRequestException | ConflictException e) {
            problem = e.getMessage();
        }
        if (htmx != null) {
            return panelModel(id, model, problem);
        }
        if (problem != null) {
            redirect.addFlashAttribute("errorDetail", problem);
        } else {
            redirect.addFlashAttribute("message", "entitlement.redeemed");
        }
        return "redirect:/customers/" + id;
    }

    private String panelModel(long id, Model model, String problem) {
        model.addAttribute("customerId", id);
        model.addAttribute("entitlements", entitlements.forCustomer(id));
        model.addAttribute("careMessages", careMessages.recent(id, 5));
        model.addAttribute("redeemProblem", problem);
        model.addAttribute("visitRef", "V" + clock.millis());
        return "loyalty/panel :: panel";
    }

    private void requireVisible(long customerId) {
        if (customers.find(customerId, identity.scopeOfCurrentUser()).isEmpty()) {
            throw NotFoundException.of("Customer", customerId);
        }
    }
}
