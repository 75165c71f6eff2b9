package io.guanxi.identity.web;

import io.guanxi.identity.domain.AuditEventRepository;
import io.guanxi.identity.domain.AuditEventRepository.AuditFilter;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.Sortable;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class AuditWebController {

    private static final ZoneId DISPLAY_ZONE = ZoneId.of("Asia/Shanghai");

    private final AuditEventRepository audit;

    AuditWebController(AuditEventRepository audit) {
        this.audit = audit;
    }

    @GetMapping("/admin/audit")
    @Sortable(
            value = {"occurredAt", "actor", "action"},
            defaultSort = "occurredAt,desc",
            defaultSize = 50)
    String search(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String entityType,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            PageQuery page,
            Model model) {
        AuditFilter filter = new AuditFilter(
                actor,
                action,
                entityType,
                null,
                from == null ? null : from.atStartOfDay(DISPLAY_ZONE).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(DISPLAY_ZONE).toInstant());
        model.addAttribute("entries", audit.search(filter, page));
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        model.addAttribute("entityType", entityType);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("zone", DISPLAY_ZONE);
        return "identity/audit";
    }
}
