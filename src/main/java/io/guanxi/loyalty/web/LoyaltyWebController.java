package io.guanxi.loyalty.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The module's start page. */
@Controller
class LoyaltyWebController {

    @GetMapping("/loyalty")
    String overview() {
        return "loyalty/overview";
    }
}
