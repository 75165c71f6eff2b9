package io.guanxi.identity.web;

import io.guanxi.identity.DataScope;
import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.Role;
import io.guanxi.identity.UserView;
import io.guanxi.identity.domain.OrganisationRepository;
import io.guanxi.identity.domain.User;
import io.guanxi.identity.domain.UserManagement;
import io.guanxi.identity.domain.UserRepository;
import io.guanxi.shared.NotFoundException;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.Sortable;
import io.guanxi.shared.web.FormErrors;
import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class UserAdminWebController {

    private final UserRepository users;
    private final UserManagement management;
    private final OrganisationRepository organisation;
    private final IdentityApi identity;

    UserAdminWebController(
            UserRepository users,
            UserManagement management,
            OrganisationRepository organisation,
            IdentityApi identity) {
        this.users = users;
        this.management = management;
        this.organisation = organisation;
        this.identity = identity;
    }

    @ModelAttribute
    void choices(Model model) {
        model.addAttribute("roles", Role.values());
        model.addAttribute("scopes", DataScope.values());
        model.addAttribute("stores", organisation.stores());
        model.addAttribute("teams", organisation.teams());
    }

    @GetMapping("/admin/users")
    @Sortable(
            value = {"username", "displayName", "role", "createdAt"},
            defaultSort = "username,asc")
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Role role,
            @RequestParam(required = false) Long storeId,
            PageQuery page,
            Model model) {
        model.addAttribute("users", users.search(q, role, storeId, page).map(User::view));
        model.addAttribute("q", q);
        model.addAttribute("role", role);
        model.addAttribute("storeId", storeId);
        return "identity/users";
    }

    @GetMapping("/admin/users/new")
    String initCreationForm(Model model) {
        model.addAttribute("form", new UserFormData());
        return "identity/user-form";
    }

    @PostMapping("/admin/users/new")
    String processCreationForm(
            @Valid @ModelAttribute("form") UserFormData form, BindingResult result, RedirectAttributes redirect) {
        if (result.hasErrors()) {
            return "identity/user-form";
        }
        try {
            UserView created = management.createUser(form.toNewUser());
            redirect.addFlashAttribute("message", "user.created");
            return "redirect:/admin/users/" + created.id();
        } catch (RuntimeException e) {
            if (FormErrors.bind(e, result)) {
                return "identity/user-form";
            }
            throw e;
        }
    }

    @GetMapping("/admin/users/{id}")
    String initUpdateForm(@PathVariable long id, Model model) {
        UserView user = users.findById(id).map(User::view).orElseThrow(() -> NotFoundException.of("User", id));
        model.addAttribute("user", user);
        model.addAttribute("form", UserFormData.from(user));
        return "identity/user-form";
    }

    @PostMapping("/admin/users/{id}")
    String processUpdateForm(
            @PathVariable long id,
            @Valid @ModelAttribute("form") UserFormData form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        UserView user = users.findById(id).map(User::view).orElseThrow(() -> NotFoundException.of("User", id));
        model.addAttribute("user", user);
        form.setUsername(user.username());
        if (result.hasErrors()) {
            return "identity/user-form";
        }
        try {
            management.updateUser(id, form.toUpdate());
            if (form.getPassword() != null && !form.getPassword().isBlank()) {
                management.resetPassword(id, form.getPassword());
            }
            redirect.addFlashAttribute("message", "user.saved");
            return "redirect:/admin/users/" + id;
        } catch (RuntimeException e) {
            if (FormErrors.bind(e, result)) {
                return "identity/user-form";
            }
            throw e;
        }
    }

    @PostMapping("/admin/users/{id}/deactivate")
    String deactivate(@PathVariable long id, RedirectAttributes redirect) {
        management.deactivate(id, identity.requireCurrentUser().id());
        redirect.addFlashAttribute("message", "user.deactivated");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/admin/users/{id}/reactivate")
    String reactivate(@PathVariable long id, RedirectAttributes redirect) {
        management.reactivate(id);
        redirect.addFlashAttribute("message", "user.reactivated");
        return "redirect:/admin/users/" + id;
    }
}
