package io.guanxi.customer.web;

import io.guanxi.customer.ContactChannel;
import io.guanxi.customer.CustomerDetails;
import io.guanxi.customer.CustomerKind;
import io.guanxi.customer.CustomerView;
import io.guanxi.customer.Gender;
import io.guanxi.customer.PartyType;
import io.guanxi.customer.SourceChannel;
import io.guanxi.customer.domain.Customer;
import io.guanxi.customer.domain.CustomerContacts;
import io.guanxi.customer.domain.CustomerQuery;
import io.guanxi.customer.domain.CustomerRegistration;
import io.guanxi.customer.domain.CustomerRepository;
import io.guanxi.customer.domain.DataQualityRules;
import io.guanxi.customer.domain.Masking;
import io.guanxi.customer.domain.fields.CustomFields;
import io.guanxi.customer.domain.privacy.Privacy;
import io.guanxi.customer.domain.tags.Tags;
import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.Permission;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.NotFoundException;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.PageResult;
import io.guanxi.shared.paging.Sortable;
import io.guanxi.shared.web.FormErrors;
import jakarta.validation.Valid;
import java.time.Clock;
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
    private final Tags tags;
    private final Privacy privacy;
    private final CustomFields customFields;
    private final CustomerContacts contacts;
    private final Clock clock;

    CustomerWebController(
            CustomerRepository customers,
            CustomerRegistration registration,
            TimelineSection timeline,
            IdentityApi identity,
            Tags tags,
            Privacy privacy,
            CustomFields customFields,
            CustomerContacts contacts,
            Clock clock) {
        this.customFields = customFields;
        this.contacts = contacts;
        this.tags = tags;
        this.privacy = privacy;
        this.customers = customers;
        this.registration = registration;
        this.timeline = timeline;
        this.identity = identity;
        this.clock = clock;
    }

    @ModelAttribute
    void choices(Model model) {
        model.addAttribute("kinds", CustomerKind.values());
        model.addAttribute("partyTypes", PartyType.values());
        model.addAttribute("genders", Gender.values());
        model.addAttribute("channels", SourceChannel.values());
        model.addAttribute("stores", identity.stores());
        model.addAttribute("allTags", tags.names(false));
        model.addAttribute("customFields", customFields.all());
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
            @RequestParam(required = false) Long tagId,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            PageQuery page,
            Model model) {
        PageResult<CustomerView> result =
                customers.search(identity.scopeOfCurrentUser(), new CustomerQuery(q, kind, storeId, tagId), page);
        model.addAttribute("customers", result.map(Masking::view)); // lists never show contact data in full
        model.addAttribute("storeNames", identity.storeNames());
        model.addAttribute("ownerNames", ownerNames(result));
        model.addAttribute("q", q);
        model.addAttribute("kind", kind);
        model.addAttribute("storeId", storeId);
        model.addAttribute("tagId", tagId);
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
            CustomerView created =
                    registration.register(form.toDetails(), form.getCustom(), identity.requireCurrentUser());
            redirect.addFlashAttribute("message", "customer.created");
            return "redirect:/customers/" + created.id();
        } catch (RuntimeException e) {
            if (FormErrors.bind(customFieldsNamed(e, form), result)) {
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
        model.addAttribute("customer", Masking.view(customer)); // revealed on request, audited
        model.addAttribute("quality", DataQualityRules.of(customer, clock.instant()));
        model.addAttribute("tags", tags.of(id));
        model.addAttribute("manualTags", tags.names(true));
        model.addAttribute("metrics", tags.metrics(id));
        model.addAttribute("customValues", customFields.values(id));
        model.addAttribute(
                "contacts",
                customer.partyType() == PartyType.ORGANISATION
                        ? contacts.of(id, identity.scopeOfCurrentUser()).stream()
                                .map(Masking::contact)
                                .toList()
                        : java.util.List.of());
        model.addAttribute("channels", ContactChannel.values());
        model.addAttribute("consents", privacy.consents(id));
        model.addAttribute("storeNames", identity.storeNames());
        model.addAttribute(
                "ownerName",
                customer.ownerId() == null
                        ? null
                        : identity.userDisplayNames(Set.of(customer.ownerId())).get(customer.ownerId()));
        timeline.addTo(model, id, type, before, true);
        return "customer/show";
    }

    /** The contact facts unmasked, in place of the masked ones (PII_READ; every reveal is audited). */
    @PostMapping("/customers/{id}/reveal")
    String reveal(@PathVariable long id, Model model) {
        model.addAttribute("customer", privacy.reveal(id, identity.requireCurrentUser()));
        model.addAttribute("storeNames", identity.storeNames());
        model.addAttribute("revealed", true);
        CustomerView customer = (CustomerView) model.getAttribute("customer");
        model.addAttribute(
                "ownerName",
                customer.ownerId() == null
                        ? null
                        : identity.userDisplayNames(Set.of(customer.ownerId())).get(customer.ownerId()));
        return "customer/show :: facts";
    }

    @GetMapping("/customers/{id}/edit")
    String initUpdateForm(@PathVariable long id, Model model) {
        CustomerView customer = load(id);
        model.addAttribute("customer", customer);
        CustomerFormData form = CustomerFormData.from(customer);
        form.setCustom(new java.util.LinkedHashMap<>(customFields.values(id)));
        if (!identity.requireCurrentUser().can(Permission.PII_READ)) {
            form.hidePersonalData(); // left blank on the form, kept as they are unless retyped
        }
        model.addAttribute("form", form);
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
            CurrentUser actor = identity.requireCurrentUser();
            CustomerDetails details = actor.can(Permission.PII_READ)
                    ? form.toDetails()
                    : CustomerFormData.keepHidden(form.toDetails(), load(id));
            registration.change(id, details, form.getCustom(), actor);
            redirect.addFlashAttribute("message", "customer.saved");
            return "redirect:/customers/" + id;
        } catch (RuntimeException e) {
            if (FormErrors.bind(customFieldsNamed(e, form), result)) {
                return "customer/form";
            }
            throw e;
        }
    }

    /** Problems with custom values name the form's map entry ({@code custom[car_model]}). */
    private static RuntimeException customFieldsNamed(RuntimeException e, CustomerFormData form) {
        if (e instanceof InvalidRequestException invalid
                && !invalid.fieldProblems().isEmpty()) {
            return InvalidRequestException.forFields(invalid.fieldProblems().stream()
                    .map(p -> form.getCustom().containsKey(p.field())
                            ? new InvalidRequestException.FieldProblem("custom[" + p.field() + "]", p.message())
                            : p)
                    .toList());
        }
        return e;
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
