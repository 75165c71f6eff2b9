package io.guanxi.analytics.web.api;

import io.guanxi.customer.CustomerApi;
import io.guanxi.customer.CustomerStats;
import io.guanxi.identity.IdentityApi;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Analytics")
@RestController
class AnalyticsApiController {

    private final IdentityApi identity;
    private final CustomerApi customers;

    AnalyticsApiController(IdentityApi identity, CustomerApi customers) {
        this.identity = identity;
        this.customers = customers;
    }

    /** Customer counts in the caller's data scope. */
    @GetMapping("/api/v1/analytics/customers")
    CustomerStats customers() {
        return customers.stats(identity.scopeOfCurrentUser());
    }
}
