package io.guanxi.customer.web;

import io.guanxi.customer.TagRule;
import io.guanxi.customer.domain.CustomerRepository;
import io.guanxi.customer.domain.tags.Tags;
import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.IdentityApi;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Tag definitions (manual and rule tags), and putting manual tags on a customer from its page. */
@Controller
class TagWebController {

    static final List<String> RULE_FIELDS = List.of(
            "kind",
            "partyType",
            "gender",
            "sourceChannel",
            "province",
            "city",
            "district",
            "storeId",
            "age",
            "dataQuality",
            "createdDays",
            "hasPhone",
            "hasEmail",
            "inPool",
            "metric.orders.count",
            "metric.orders.spend",
            "metric.orders.visits",
            "since.orders.lastPurchase");
    static final List<String> OPERATORS = List.of("eq", "ne", "in", "gte", "lte", "is");

    private final Tags tags;
    private final CustomerRepository customers;
    private final IdentityApi identity;

    TagWebController(Tags tags, CustomerRepository customers, IdentityApi identity) {
        this.tags = tags;
        this.customers = customers;
        this.identity = identity;
    }

    @GetMapping("/customers/tags")
    String list(Model model) {
        model.addAttribute("tags", tags.all(identity.scopeOfCurrentUser()));
        model.addAttribute("ruleFields", RULE_FIELDS);
        model.addAttribute("operators", OPERATORS);
        return "customer/tags";
    }

    /**
     * Creates a tag; rows of the rule form with a field make it a rule tag, matching when all of them
     * hold, or any of them with {@code match=any}.
     */
    @PostMapping("/customers/tags")
    String create(
            @RequestParam String name,
            @RequestParam(required = false) String description,
            @RequestParam(name = "field", required = false) List<String> fields,
            @RequestParam(name = "op", required = false) List<String> ops,
            @RequestParam(name = "value", required = false) List<String> values,
            @RequestParam(defaultValue = "all") String match,
            RedirectAttributes redirect) {
        List<TagRule.Condition> conditions = new ArrayList<>();
        for (int i = 0; fields != null && i < fields.size(); i++) {
            String value = values != null && i < values.size() ? values.get(i) : "";
            if (!fields.get(i).isBlank() && !value.isBlank()) {
                conditions.add(new TagRule.Condition(fields.get(i), ops.get(i), value));
            }
        }
        try {
            TagRule rule = conditions.isEmpty()
                    ? null
                    : "any".equals(match) ? TagRule.anyOf(conditions) : new TagRule(conditions);
            tags.create(name, description, rule);
            redirect.addFlashAttribute("message", "tags.created");
        } catch (InvalidRequestException | ConflictException e) {
            redirect.addFlashAttribute("error", "tags.invalid");
            redirect.addFlashAttribute("errorDetail", e.getMessage());
        }
        return "redirect:/customers/tags";
    }

    @PostMapping("/customers/tags/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        tags.delete(id);
        redirect.addFlashAttribute("message", "tags.deleted");
        return "redirect:/customers/tags";
    }

    @PostMapping("/customers/{id}/tags")
    String tag(@PathVariable long id, @RequestParam long tagId) {
        CurrentUser actor = identity.requireCurrentUser();
        customers.requireVisible(id, identity.scopeOf(actor));
        tags.tag(id, tagId, actor.username());
        return "redirect:/customers/" + id;
    }

    @PostMapping("/customers/{id}/tags/{tagId}/remove")
    String untag(@PathVariable long id, @PathVariable long tagId) {
        customers.requireVisible(id, identity.scopeOfCurrentUser());
        tags.untag(id, tagId);
        return "redirect:/customers/" + id;
    }
}
