package io.guanxi.customer.web;

import io.guanxi.customer.Contact;
import io.guanxi.customer.domain.CustomerContacts;
import io.guanxi.identity.IdentityApi;
import io.guanxi.shared.InvalidRequestException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Adding a contact person to an organisation customer from its page. */
@Controller
class ContactWebController {

    private final CustomerContacts contacts;
    private final IdentityApi identity;

    ContactWebController(CustomerContacts contacts, IdentityApi identity) {
        this.contacts = contacts;
        this.identity = identity;
    }

    @PostMapping("/customers/{id}/contacts")
    String add(
            @PathVariable long id,
            @RequestParam String name,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String phone,
            @RequestParam(required = false) String email,
            @RequestParam(defaultValue = "false") boolean primary,
            RedirectAttributes redirect) {
        try {
            contacts.add(id, new Contact(null, name, title, phone, email, primary), identity.scopeOfCurrentUser());
            redirect.addFlashAttribute("message", "contacts.added");
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("error", "contacts.invalid");
            redirect.addFlashAttribute("errorDetail", e.getMessage());
        }
        return "redirect:/customers/" + id;
    }
}
