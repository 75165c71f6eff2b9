package io.guanxi.customer.web;

import io.guanxi.customer.ContactChannel;
import io.guanxi.customer.domain.privacy.Privacy;
import io.guanxi.identity.IdentityApi;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Consent changes, the subject access export and erasure from the customer page. */
@Controller
class PrivacyWebController {

    private final Privacy privacy;
    private final IdentityApi identity;

    PrivacyWebController(Privacy privacy, IdentityApi identity) {
        this.privacy = privacy;
        this.identity = identity;
    }

    @PostMapping("/customers/{id}/consents")
    String consent(@PathVariable long id, @RequestParam ContactChannel channel, @RequestParam boolean granted) {
        privacy.recordConsent(id, channel, granted, "staff", identity.requireCurrentUser());
        return "redirect:/customers/" + id;
    }

    @GetMapping("/customers/{id}/subject-export")
    ResponseEntity<Map<String, Object>> subjectExport(@PathVariable long id) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"customer-" + id + "-data.json\"")
                .body(privacy.subjectExport(id, identity.requireCurrentUser()));
    }

    @PostMapping("/customers/{id}/erasure")
    String erase(@PathVariable long id, @RequestParam(required = false) String confirm, RedirectAttributes redirect) {
        if (!"ERASE".equals(confirm)) {
            redirect.addFlashAttribute("error", "privacy.erase.notConfirmed");
            return "redirect:/customers/" + id;
        }
        privacy.erase(id, identity.requireCurrentUser());
        redirect.addFlashAttribute("message", "privacy.erased");
        return "redirect:/customers/" + id;
    }
}
