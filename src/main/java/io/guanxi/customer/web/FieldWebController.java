package io.guanxi.customer.web;

import io.guanxi.customer.CustomField;
import io.guanxi.customer.domain.fields.CustomFields;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.InvalidRequestException;
import java.util.Arrays;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The custom fields a business defines for its customers. */
@Controller
class FieldWebController {

    private final CustomFields fields;

    FieldWebController(CustomFields fields) {
        this.fields = fields;
    }

    @GetMapping("/customers/fields")
    String list(Model model) {
        model.addAttribute("fields", fields.all());
        model.addAttribute("types", CustomField.Type.values());
        return "customer/fields";
    }

    @PostMapping("/customers/fields")
    String define(
            @RequestParam String key,
            @RequestParam String label,
            @RequestParam CustomField.Type type,
            @RequestParam(required = false) String choices,
            RedirectAttributes redirect) {
        try {
            fields.define(key, label, type, choices == null ? null : Arrays.asList(choices.split("[,，\n]")));
            redirect.addFlashAttribute("message", "fields.created");
        } catch (InvalidRequestException | ConflictException e) {
            redirect.addFlashAttribute("error", "fields.invalid");
            redirect.addFlashAttribute("errorDetail", e.getMessage());
        }
        return "redirect:/customers/fields";
    }

    @PostMapping("/customers/fields/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        fields.delete(id);
        redirect.addFlashAttribute("message", "fields.deleted");
        return "redirect:/customers/fields";
    }
}
