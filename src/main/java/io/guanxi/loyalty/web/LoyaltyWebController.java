package io.guanxi.loyalty.web;

import io.guanxi.customer.CustomerApi;
import io.guanxi.customer.CustomerView;
import io.guanxi.identity.IdentityApi;
import io.guanxi.loyalty.domain.PointsAccounts;
import io.guanxi.loyalty.domain.PointsLedger;
import io.guanxi.shared.paging.PageQuery;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The module's start page: look up a customer's points and latest ledger lines. */
@Controller
class LoyaltyWebController {

    private final PointsLedger ledger;
    private final PointsAccounts accounts;
    private final CustomerApi customers;
    private final IdentityApi identity;

    LoyaltyWebController(PointsLedger ledger, PointsAccounts accounts, CustomerApi customers, IdentityApi identity) {
        this.ledger = ledger;
        this.accounts = accounts;
        this.customers = customers;
        this.identity = identity;
    }

    @GetMapping("/loyalty")
    String overview(@RequestParam(required = false) Long customerId, Model model) {
        model.addAttribute("customerId", customerId);
        if (customerId != null) {
            Optional<CustomerView> customer = customers.find(customerId, identity.scopeOfCurrentUser());
            model.addAttribute("customer", customer.orElse(null));
            if (customer.isPresent()) {
                model.addAttribute("points", ledger.balance(customerId));
                model.addAttribute("ledger", accounts.ledger(customerId, PageQuery.first(20)));
            }
        }
        return "loyalty/overview";
    }
}
