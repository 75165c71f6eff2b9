package io.guanxi.marketing.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The module's start page. */
@Controller
class MarketingWebController {

    @GetMapping("/marketing")
    String overview() {
        return "marketing/overview";
    }
}
