package io.guanxi.shared.web;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Links for pagers and sort headers that keep the current filters: {@code ${@pageLinks.page(2)}}. */
@Component("pageLinks")
public class PageLinks {

    public String page(int page) {
        return ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("page", page)
                .build()
                .toUriString();
    }

    public String sort(String property, boolean ascending) {
        return ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("sort", property + (ascending ? ",asc" : ",desc"))
                .replaceQueryParam("page", 0)
                .build()
                .toUriString();
    }
}
