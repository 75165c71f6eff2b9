package io.guanxi.analytics.web;

import io.guanxi.customer.CustomerApi;
import io.guanxi.customer.CustomerStats;
import io.guanxi.identity.IdentityApi;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Customer-base analysis within the user's data scope: by city, source channel and kind. */
@Controller
class AnalyticsWebController {

    private final IdentityApi identity;
    private final CustomerApi customers;

    AnalyticsWebController(IdentityApi identity, CustomerApi customers) {
        this.identity = identity;
        this.customers = customers;
    }

    @GetMapping("/analytics")
    String overview(Model model) {
        CustomerStats stats = customers.stats(identity.scopeOfCurrentUser());
        model.addAttribute("stats", stats);
        model.addAttribute(
                "maxCity",
                stats.byCity().values().stream()
                        .mapToLong(Long::longValue)
                        .max()
                        .orElse(1));
        model.addAttribute(
                "maxSource",
                stats.bySource().values().stream()
                        .mapToLong(Long::longValue)
                        .max()
                        .orElse(1));
        return "analytics/overview";
    }
}
