package io.guanxi.sales.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The module's start page. */
@Controller
class SalesWebController {

    @GetMapping("/sales")
    String overview() {
        return "sales/overview";
    }
}
