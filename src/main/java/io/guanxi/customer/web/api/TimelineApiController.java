package io.guanxi.customer.web.api;

import io.guanxi.customer.TimelineEntry;
import io.guanxi.customer.domain.CustomerRepository;
import io.guanxi.customer.domain.timeline.CustomerTimeline;
import io.guanxi.customer.domain.timeline.TimelinePage;
import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.IdentityApi;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Customer timeline")
@RestController
@RequestMapping("/api/v1/customers/{id}/timeline")
class TimelineApiController {

    private final CustomerRepository customers;
    private final CustomerTimeline timeline;
    private final IdentityApi identity;

    TimelineApiController(CustomerRepository customers, CustomerTimeline timeline, IdentityApi identity) {
        this.customers = customers;
        this.timeline = timeline;
        this.identity = identity;
    }

    @Operation(
            summary = "The customer's timeline, newest first, one page at a time",
            description = "Entries from every module (orders, points, visits, calls, tickets, campaigns, the"
                    + " customer's own changes and merges). Continue with before=<next> from the previous"
                    + " page; next is null on the last page. A customer outside the caller's data scope is 404.")
    @GetMapping
    TimelinePage page(
            @PathVariable long id,
            @Parameter(description = "only these types (repeat, or separate with commas), e.g. ORDER, CALL")
                    @RequestParam(required = false)
                    List<String> type,
            @Parameter(description = "the next value of the previous page (instant~id or instant~source~id)")
                    @RequestParam(required = false)
                    String before,
            @Parameter(description = "entries per page, 1-200 (default 20)") @RequestParam(required = false)
                    Integer size) {
        customers.requireVisible(id, identity.scopeOfCurrentUser());
        return timeline.page(id, type, before, size);
    }

    record NewNote(
            @NotNull CustomerTimeline.NoteKind kind,
            @NotBlank @Size(max = 2000) String text,
            Instant occurredAt) {}

    @Operation(summary = "Log a note, call or visit on the customer's timeline")
    @PostMapping("/notes")
    ResponseEntity<TimelineEntry> addNote(@PathVariable long id, @Valid @RequestBody NewNote note) {
        CurrentUser actor = identity.requireCurrentUser();
        customers.requireVisible(id, identity.scopeOfCurrentUser());
        TimelineEntry entry = timeline.addNote(id, note.kind(), note.text(), note.occurredAt(), actor.username());
        return ResponseEntity.created(URI.create("/api/v1/customers/" + id + "/timeline?type=" + entry.type()))
                .body(entry);
    }
}
