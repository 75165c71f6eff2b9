package io.guanxi.customer.web;

import io.guanxi.customer.domain.CustomerRepository;
import io.guanxi.customer.domain.timeline.CustomerTimeline;
import io.guanxi.identity.IdentityApi;
import io.guanxi.shared.InvalidRequestException;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The timeline section of the customer page for htmx: filtering by type, older entries and notes.
 * The customer page itself draws the first page ({@link CustomerWebController}); without JavaScript
 * the same links and forms lead back to it.
 */
@Controller
class TimelineWebController {

    private final CustomerRepository customers;
    private final TimelineSection section;
    private final CustomerTimeline timeline;
    private final IdentityApi identity;

    TimelineWebController(
            CustomerRepository customers, TimelineSection section, CustomerTimeline timeline, IdentityApi identity) {
        this.customers = customers;
        this.section = section;
        this.timeline = timeline;
        this.identity = identity;
    }

    /**
     * The whole section when the type filter changes; only the next entries (and the next button for
     * older ones) when {@code before} is given.
     */
    @GetMapping("/customers/{id}/timeline")
    String timelineFragment(
            @PathVariable long id,
            @RequestParam(required = false) List<String> type,
            @RequestParam(required = false) String before,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        if (htmx == null) {
            return "redirect:/customers/" + id;
        }
        customers.requireVisible(id, identity.scopeOfCurrentUser());
        section.addTo(model, id, type, before, before == null);
        return before == null ? "customer/timeline :: timeline" : "customer/timeline :: entries";
    }

    @PostMapping("/customers/{id}/timeline/notes")
    String processNoteForm(
            @PathVariable long id,
            @RequestParam(required = false) CustomerTimeline.NoteKind kind,
            @RequestParam(required = false) String text,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model,
            RedirectAttributes redirect) {
        customers.requireVisible(id, identity.scopeOfCurrentUser());
        String error = null;
        try {
            timeline.addNote(
                    id,
                    kind == null ? CustomerTimeline.NoteKind.NOTE : kind,
                    text,
                    null,
                    identity.requireCurrentUser().username());
        } catch (InvalidRequestException e) {
            error = "timeline.note.invalid";
        }
        if (htmx == null) {
            if (error == null) {
                redirect.addFlashAttribute("message", "timeline.note.saved");
            } else {
                redirect.addFlashAttribute("error", "timeline.note.invalid");
            }
            return "redirect:/customers/" + id;
        }
        model.addAttribute("noteError", error);
        model.addAttribute("noteText", error == null ? null : text);
        section.addTo(model, id, List.of(), null, true);
        return "customer/timeline :: timeline";
    }
}
