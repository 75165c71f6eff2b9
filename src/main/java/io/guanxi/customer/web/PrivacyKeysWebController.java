package io.guanxi.customer.web;

import io.guanxi.customer.domain.KeyRotation;
import io.guanxi.identity.IdentityApi;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The keys of personal data at rest: which rows each key holds, and the re-encryption after a rotation. */
@Controller
class PrivacyKeysWebController {

    private final KeyRotation rotation;
    private final IdentityApi identity;

    PrivacyKeysWebController(KeyRotation rotation, IdentityApi identity) {
        this.rotation = rotation;
        this.identity = identity;
    }

    @GetMapping("/admin/privacy/keys")
    String show(Model model) {
        model.addAttribute("status", rotation.status(identity.requireCurrentUser()));
        return "customer/privacy-keys";
    }

    @PostMapping("/admin/privacy/keys/re-encryption")
    String reencrypt(RedirectAttributes redirect) {
        redirect.addFlashAttribute("outcome", rotation.reencrypt(identity.requireCurrentUser()));
        return "redirect:/admin/privacy/keys";
    }
}
