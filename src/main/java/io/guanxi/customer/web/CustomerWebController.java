package io.guanxi.customer.web;

import io.guanxi.customer.CustomerKind;
import io.guanxi.customer.CustomerView;
import io.guanxi.customer.Gender;
import io.guanxi.customer.PartyType;
import io.guanxi.customer.SourceChannel;
import io.guanxi.customer.domain.Customer;
import io.guanxi.customer.domain.CustomerRegistration;
import io.guanxi.customer.domain.CustomerRepository;
import io.guanxi.identity.IdentityApi;
import io.guanxi.shared.NotFoundException;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.PageResult;
import io.guanxi.shared.paging.Sortable;
import io.guanxi.shared.web.FormErrors;
import jakarta.validation.Valid;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class CustomerWebController {

    private final CustomerRepository customers;
    private final CustomerRegistration registration;
    private final TimelineSection timeline;
    private final IdentityApi identity;

    CustomerWebController(
            CustomerRepository customers,
            CustomerRegistration registration,
            TimelineSection timeline,
            IdentityApi identity) {
        this.customers = customers;
        this.registration = registration;
        this.timeline = timeline;
        this.identity = identity;
    }

    @ModelAttribute
    void choices(Model model) {
        model.addAttribute("kinds", CustomerKind.values());
        model.addAttribute("partyTypes", PartyType.values());
        model.addAttribute("genders", Gender.values());
        model.addAttribute("channels", SourceChannel.values());
        model.addAttribute("stores", identity.stores());
    }

    /** The list; an htmx request (typing in the search box) gets only the results fragment. */
    @GetMapping("/customers")
    @Sortable(
            value = {"displayName", "createdAt", "city", "kind"},
            defaultSort = "createdAt,desc")
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) CustomerKind kind,
            @RequestParam(required = false) Long storeId,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            PageQuery page,
            Model model) {
        PageResult<CustomerView> result = customers.search(identity.scopeOfCurrentUser(), q, kind, storeId, page);
        model.addAttribute("customers", result);
        model.addAttribute("storeNames", identity.storeNames());
        model.addAttribute("ownerNames", ownerNames(result));
        model.addAttribute("q", q);
        model.addAttribute("kind", kind);
        model.addAttribute("storeId", storeId);
        return htmx != null ? "customer/list :: results" : "customer/list";
    }

    @GetMapping("/customers/new")
    String initCreationForm(Model model) {
        model.addAttribute("form", new CustomerFormData());
        return "customer/form";
    }

    @PostMapping("/customers/new")
    String processCreationForm(
            @Valid @ModelAttribute("form") CustomerFormData form, BindingResult result, RedirectAttributes redirect) {
        if (result.hasErrors()) {
            return "customer/form";
        }
        try {
            CustomerView created = registration.register(form.toDetails(), identity.requireCurrentUser());
            redirect.addFlashAttribute("message", "customer.created");
            return "redirect:/customers/" + created.id();
        } catch (RuntimeException e) {
            if (FormErrors.bind(e, result)) {
                return "customer/form";
            }
            throw e;
        }
    }

    /** The customer page (客户360): profile, owner, data quality and the first page of the timeline. */
    @GetMapping("/customers/{id}")
    String show(
            @PathVariable long id,
            @RequestParam(required = false) List<String> type,
            @RequestParam(required = false) String before,
            Model model) {
        CustomerView customer = load(id);
        model.addAttribute("customer", customer);
        model.addAttribute("storeNames", identity.storeNames());
        model.addAttribute(
                "ownerName",
                customer.ownerId() == null
                        ? null
                        : identity.userDisplayNames(Set.of(customer.ownerId())).get(customer.ownerId()));
        model.addAttribute("quality", ProfileQuality.of(customer));
        timeline.addTo(model, id, type, before, true);
        return "customer/show";
    }

    @GetMapping("/customers/{id}/edit")
    String initUpdateForm(@PathVariable long id, Model model) {
        CustomerView customer = load(id);
        model.addAttribute("customer", customer);
        model.addAttribute("form", CustomerFormData.from(customer));
        return "customer/form";
    }

    @PostMapping("/customers/{id}/edit")
    String processUpdateForm(
            @PathVariable long id,
            @Valid @ModelAttribute("form") CustomerFormData form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        model.addAttribute("customer", load(id));
        if (result.hasErrors()) {
            return "customer/form";
        }
        try {
            registration.change(id, form.toDetails(), identity.requireCurrentUser());
            redirect.addFlashAttribute("message", "customer.saved");
            return "redirect:/customers/" + id;
        } catch (RuntimeException e) {
            if (FormErrors.bind(e, result)) {
                return "customer/form";
            }
            throw e;
        }
    }

    private CustomerView load(long id) {
        return customers
                .find(id, identity.scopeOfCurrentUser())
                .map(Customer::view)
                .orElseThrow(() -> NotFoundException.of("Customer", id));
    }

    private Map<Long, String> ownerNames(PageResult<CustomerView> page) {
        Set<Long> owners = new HashSet<>();
        page.content().forEach(c -> {
            if (c.ownerId() != null) {
                owners.add(c.ownerId());
            }
        });
        return identity.userDisplayNames(owners);
    }
}
