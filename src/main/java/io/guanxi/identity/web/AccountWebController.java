package io.guanxi.identity.web;

import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.domain.UserManagement;
import io.guanxi.identity.security.ApiTokens;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.paging.PageQuery;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's own account: password and API tokens. */
@Controller
class AccountWebController {

    private final IdentityApi identity;
    private final UserManagement management;
    private final ApiTokens tokens;

    AccountWebController(IdentityApi identity, UserManagement management, ApiTokens tokens) {
        this.identity = identity;
        this.management = management;
        this.tokens = tokens;
    }

    @GetMapping("/account")
    String account(Model model) {
        CurrentUser user = identity.requireCurrentUser();
        model.addAttribute("me", user);
        model.addAttribute(
                "tokens", tokens.tokensOf(user.id(), PageQuery.first(50)).content());
        model.addAttribute("now", tokens.now());
        return "identity/account";
    }

    @PostMapping("/account/password")
    String changePassword(
            @RequestParam String currentPassword, @RequestParam String newPassword, RedirectAttributes redirect) {
        try {
            management.changeOwnPassword(identity.requireCurrentUser().id(), currentPassword, newPassword);
            redirect.addFlashAttribute("message", "account.password.changed");
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("error", "account.password.rejected");
        }
        return "redirect:/account";
    }

    @PostMapping("/account/tokens")
    String issueToken(HttpServletRequest request, RedirectAttributes redirect) {
        ApiTokens.IssuedToken issued = tokens.issue(identity.requireCurrentUser(), request.getRemoteAddr());
        redirect.addFlashAttribute("issuedToken", issued.token());
        return "redirect:/account";
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revokeToken(@PathVariable long id, RedirectAttributes redirect) {
        tokens.revoke(id, identity.requireCurrentUser());
        redirect.addFlashAttribute("message", "account.token.revoked");
        return "redirect:/account";
    }
}
