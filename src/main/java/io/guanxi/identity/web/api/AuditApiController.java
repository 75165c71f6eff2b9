package io.guanxi.identity.web.api;

import io.guanxi.identity.AuditEntry;
import io.guanxi.identity.domain.AuditEventRepository;
import io.guanxi.identity.domain.AuditEventRepository.AuditFilter;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.PageResult;
import io.guanxi.shared.paging.Sortable;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Audit")
@RestController
class AuditApiController {

    private final AuditEventRepository audit;

    AuditApiController(AuditEventRepository audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/audit")
    @Sortable(
            value = {"occurredAt", "actor", "action"},
            defaultSort = "occurredAt,desc",
            defaultSize = 50)
    PageResult<AuditEntry> search(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String entityType,
            @RequestParam(required = false) String entityId,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            PageQuery page) {
        return audit.search(new AuditFilter(actor, action, entityType, entityId, from, to), page);
    }
}
