package io.guanxi.loyalty.web;

import io.guanxi.customer.CustomerApi;
import io.guanxi.identity.IdentityApi;
import io.guanxi.loyalty.CouponKind;
import io.guanxi.loyalty.CouponTemplateView;
import io.guanxi.loyalty.CouponTrigger;
import io.guanxi.loyalty.CouponView;
import io.guanxi.loyalty.NewCouponTemplate;
import io.guanxi.loyalty.NewRewardItem;
import io.guanxi.loyalty.RewardItemView;
import io.guanxi.loyalty.RewardKind;
import io.guanxi.loyalty.domain.LoyaltyProperties;
import io.guanxi.loyalty.domain.PointsLedger;
import io.guanxi.loyalty.domain.coupon.CouponLedger;
import io.guanxi.loyalty.domain.coupon.CouponRules;
import io.guanxi.loyalty.domain.coupon.CouponTemplate;
import io.guanxi.loyalty.domain.coupon.Coupons;
import io.guanxi.loyalty.domain.coupon.RewardCatalogue;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.NotFoundException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Coupon templates and rules, the redemption catalogue, and the coupons panel of the customer page
 * (loaded by htmx, so the customer module need not know loyalty).
 */
@Controller
class CouponWebController {

    private final CouponLedger ledger;
    private final Coupons coupons;
    private final CouponRules rules;
    private final RewardCatalogue catalogue;
    private final PointsLedger points;
    private final LoyaltyProperties properties;
    private final CustomerApi customers;
    private final IdentityApi identity;

    CouponWebController(
            CouponLedger ledger,
            Coupons coupons,
            CouponRules rules,
            RewardCatalogue catalogue,
            PointsLedger points,
            LoyaltyProperties properties,
            CustomerApi customers,
            IdentityApi identity) {
        this.ledger = ledger;
        this.coupons = coupons;
        this.rules = rules;
        this.catalogue = catalogue;
        this.points = points;
        this.properties = properties;
        this.customers = customers;
        this.identity = identity;
    }

    /** The template form as posted: dates in the business zone, lists comma-separated. */
    record TemplateForm(
            String name,
            CouponKind kind,
            BigDecimal amountOff,
            BigDecimal percentOff,
            BigDecimal maxDiscount,
            BigDecimal minSpend,
            String benefit,
            String categories,
            String skus,
            LocalDate validFrom,
            LocalDate validUntil,
            Integer validDays,
            Integer perCustomerLimit,
            Integer totalQuantity) {

        NewCouponTemplate toCommand(java.time.ZoneId zone) {
            return new NewCouponTemplate(
                    name,
                    kind,
                    amountOff,
                    percentOff,
                    maxDiscount,
                    minSpend,
                    benefit,
                    list(categories),
                    list(skus),
                    validFrom == null ? null : validFrom.atStartOfDay(zone).toInstant(),
                    validUntil == null
                            ? null
                            : validUntil.plusDays(1).atStartOfDay(zone).toInstant(),
                    validDays,
                    perCustomerLimit,
                    totalQuantity,
                    true);
        }

        private static List<String> list(String text) {
            return text == null
                    ? List.of()
                    : Arrays.stream(text.split("[,，\\s]+"))
                            .filter(s -> !s.isBlank())
                            .toList();
        }
    }

    @GetMapping("/loyalty/coupons")
    String templates(Model model) {
        List<CouponTemplate> templates = coupons.templates();
        model.addAttribute(
                "templates", templates.stream().map(CouponTemplate::view).toList());
        model.addAttribute(
                "templateNames",
                templates.stream().collect(Collectors.toMap(CouponTemplate::id, CouponTemplate::name)));
        model.addAttribute("rules", coupons.rules());
        model.addAttribute("kinds", CouponKind.values());
        model.addAttribute("triggers", CouponTrigger.values());
        model.addAttribute("zone", properties.zone());
        return "loyalty/coupons";
    }

    @PostMapping("/loyalty/coupons")
    String createTemplate(TemplateForm form, RedirectAttributes redirect) {
        try {
            if (form.kind() == null || form.name() == null || form.name().isBlank()) {
                throw InvalidRequestException.forField("name", "name and kind are required");
            }
            ledger.createTemplate(form.toCommand(properties.zone()), actor());
            redirect.addFlashAttribute("message", "coupons.template.created");
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("error", "coupons.invalid");
            redirect.addFlashAttribute("errorDetail", InvalidRequestException.describe(e));
        }
        return "redirect:/loyalty/coupons";
    }

    @PostMapping("/loyalty/coupons/{id}/active")
    String toggleTemplate(@PathVariable long id, RedirectAttributes redirect) {
        CouponTemplateView t = coupons.template(id)
                .orElseThrow(() -> NotFoundException.of("Coupon template", id))
                .view();
        ledger.updateTemplate(id, t.name(), !t.active(), t.perCustomerLimit(), t.totalQuantity(), actor());
        redirect.addFlashAttribute("message", "coupons.saved");
        return "redirect:/loyalty/coupons";
    }

    @PostMapping("/loyalty/coupons/rules")
    String addRule(
            @RequestParam CouponTrigger trigger,
            @RequestParam long templateId,
            @RequestParam(required = false) BigDecimal minOrderAmount,
            RedirectAttributes redirect) {
        try {
            rules.add(trigger, templateId, minOrderAmount, actor());
            redirect.addFlashAttribute("message", "coupons.rule.created");
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("error", "coupons.invalid");
            redirect.addFlashAttribute("errorDetail", InvalidRequestException.describe(e));
        }
        return "redirect:/loyalty/coupons";
    }

    @PostMapping("/loyalty/coupons/rules/{id}/active")
    String toggleRule(@PathVariable long id, @RequestParam boolean active, RedirectAttributes redirect) {
        rules.activate(id, active, actor());
        redirect.addFlashAttribute("message", "coupons.saved");
        return "redirect:/loyalty/coupons";
    }

    @GetMapping("/loyalty/catalogue")
    String catalogue(Model model) {
        model.addAttribute("items", catalogue.items(false));
        model.addAttribute("kinds", RewardKind.values());
        model.addAttribute(
                "templates",
                coupons.templates().stream().filter(CouponTemplate::active).toList());
        return "loyalty/catalogue";
    }

    @PostMapping("/loyalty/catalogue")
    String addItem(
            @RequestParam String name,
            @RequestParam RewardKind kind,
            @RequestParam Long pointsPrice,
            @RequestParam(required = false) Long templateId,
            @RequestParam(required = false) Integer stock,
            @RequestParam(required = false) Integer perCustomerLimit,
            RedirectAttributes redirect) {
        try {
            if (name.isBlank() || pointsPrice < 1 || (stock != null && stock < 0)) {
                throw InvalidRequestException.forField("pointsPrice", "name, a positive price and stock ≥ 0");
            }
            catalogue.create(
                    new NewRewardItem(name, kind, pointsPrice, templateId, stock, perCustomerLimit, true), actor());
            redirect.addFlashAttribute("message", "rewards.created");
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("error", "coupons.invalid");
            redirect.addFlashAttribute("errorDetail", InvalidRequestException.describe(e));
        }
        return "redirect:/loyalty/catalogue";
    }

    @PostMapping("/loyalty/catalogue/{id}/active")
    String toggleItem(@PathVariable long id, RedirectAttributes redirect) {
        RewardItemView item = catalogue.find(id).orElseThrow(() -> NotFoundException.of("Reward item", id));
        catalogue.update(
                id,
                new NewRewardItem(
                        item.name(),
                        item.kind(),
                        item.pointsPrice(),
                        item.templateId(),
                        item.stock(),
                        item.perCustomerLimit(),
                        !item.active()),
                actor());
        redirect.addFlashAttribute("message", "coupons.saved");
        return "redirect:/loyalty/catalogue";
    }

    @GetMapping("/loyalty/customers/{id}/coupons")
    String panel(@PathVariable long id, Model model) {
        requireVisible(id);
        return panel(id, model, null, null);
    }

    @PostMapping("/loyalty/customers/{id}/coupons")
    String issue(@PathVariable long id, @RequestParam long templateId, Model model) {
        requireVisible(id);
        try {
            CouponView coupon = ledger.issueOne(templateId, id, CouponLedger.Via.MANUAL, null, actor());
            return panel(id, model, "coupons.panel.issued", coupon.code());
        } catch (ConflictException | InvalidRequestException | NotFoundException e) {
            return panel(id, model, null, InvalidRequestException.describe(e));
        }
    }

    @PostMapping("/loyalty/customers/{id}/rewards")
    String redeem(@PathVariable long id, @RequestParam long itemId, Model model) {
        requireVisible(id);
        try {
            var redeemed = catalogue.redeem(id, itemId, actor());
            return panel(id, model, "rewards.redeemed", redeemed.itemName());
        } catch (ConflictException | InvalidRequestException | NotFoundException e) {
            return panel(id, model, null, InvalidRequestException.describe(e));
        }
    }

    private String panel(long customerId, Model model, String message, String detail) {
        List<CouponView> all = coupons.ofCustomer(customerId);
        model.addAttribute("customerId", customerId);
        model.addAttribute(
                "held",
                all.stream()
                        .filter(c -> c.state() == io.guanxi.loyalty.CouponState.ISSUED)
                        .toList());
        model.addAttribute(
                "past",
                all.stream()
                        .filter(c -> c.state() != io.guanxi.loyalty.CouponState.ISSUED)
                        .toList());
        model.addAttribute(
                "templates",
                coupons.templates().stream().filter(CouponTemplate::active).toList());
        model.addAttribute("items", catalogue.items(true));
        model.addAttribute("available", points.balance(customerId).available());
        model.addAttribute("zone", properties.zone());
        model.addAttribute("panelMessage", message);
        model.addAttribute("panelDetail", detail);
        return "loyalty/customer-coupons :: panel";
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
