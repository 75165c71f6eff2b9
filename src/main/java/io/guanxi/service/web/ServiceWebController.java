package io.guanxi.service.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The module's start page. */
@Controller
class ServiceWebController {

    @GetMapping("/service")
    String overview() {
        return "service/overview";
    }
}
