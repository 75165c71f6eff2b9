package io.guanxi.analytics.web;

import io.guanxi.customer.CustomerApi;
import io.guanxi.customer.CustomerStats;
import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.IdentityApi;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home dashboard: what the signed-in user's data scope holds today. */
@Controller
class HomeWebController {

    private final IdentityApi identity;
    private final CustomerApi customers;

    HomeWebController(IdentityApi identity, CustomerApi customers) {
        this.identity = identity;
        this.customers = customers;
    }

    @GetMapping("/")
    String home(Model model) {
        CurrentUser user = identity.requireCurrentUser();
        CustomerStats stats = customers.stats(identity.scopeOf(user));
        model.addAttribute("me", user);
        model.addAttribute("stats", stats);
        model.addAttribute("returningToPool", customers.returningToPool(user.id()));
        model.addAttribute("storeNames", identity.storeNames());
        model.addAttribute(
                "maxStore",
                stats.byStore().values().stream()
                        .mapToLong(Long::longValue)
                        .max()
                        .orElse(1));
        return "analytics/home";
    }
}
