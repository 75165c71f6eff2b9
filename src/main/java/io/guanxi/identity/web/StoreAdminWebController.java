package io.guanxi.identity.web;

import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.NewStore;
import io.guanxi.identity.domain.OrganisationRepository;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.InvalidRequestException;
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
class StoreAdminWebController {

    private final IdentityApi identity;
    private final OrganisationRepository organisation;

    StoreAdminWebController(IdentityApi identity, OrganisationRepository organisation) {
        this.identity = identity;
        this.organisation = organisation;
    }

    /** Form data for a new store. */
    public static class StoreForm {
        @jakarta.validation.constraints.NotBlank
        @jakarta.validation.constraints.Size(max = 32)
        @jakarta.validation.constraints.Pattern(regexp = "[A-Za-z0-9_-]*")
        private String code;

        @jakarta.validation.constraints.NotBlank
        @jakarta.validation.constraints.Size(max = 200)
        private String name;

        private String province;
        private String city;
        private String address;

        public String getCode() {
            return code;
        }

        public void setCode(String code) {
            this.code = code;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getProvince() {
            return province;
        }

        public void setProvince(String province) {
            this.province = province;
        }

        public String getCity() {
            return city;
        }

        public void setCity(String city) {
            this.city = city;
        }

        public String getAddress() {
            return address;
        }

        public void setAddress(String address) {
            this.address = address;
        }
    }

    @GetMapping("/admin/stores")
    String list(Model model) {
        model.addAttribute("stores", organisation.stores());
        model.addAttribute("teams", organisation.teams());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new StoreForm());
        }
        return "identity/stores";
    }

    @PostMapping("/admin/stores")
    String open(
            @Valid @ModelAttribute("form") StoreForm form,
            BindingResult result,
            Model model,
            RedirectAttributes redirect) {
        if (!result.hasErrors()) {
            try {
                identity.openStore(new NewStore(
                        form.getCode(), form.getName(), form.getProvince(), form.getCity(), form.getAddress()));
                redirect.addFlashAttribute("message", "store.opened");
                return "redirect:/admin/stores";
            } catch (ConflictException | InvalidRequestException e) {
                FormErrors.bind(e, result);
            }
        }
        return list(model);
    }

    @PostMapping("/admin/stores/{id}/teams")
    String createTeam(@PathVariable long id, @RequestParam String name, RedirectAttributes redirect) {
        if (name == null || name.isBlank()) {
            redirect.addFlashAttribute("error", "team.name.required");
        } else {
            identity.createTeam(id, name);
            redirect.addFlashAttribute("message", "team.created");
        }
        return "redirect:/admin/stores";
    }
}
