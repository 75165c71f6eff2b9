package io.guanxi.customer.web.api;

import io.guanxi.customer.domain.CustomerMerges;
import io.guanxi.customer.domain.duplicates.DuplicateScans;
import io.guanxi.customer.domain.duplicates.DuplicateStore;
import io.guanxi.identity.IdentityApi;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.NotFoundException;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.PageResult;
import io.guanxi.shared.paging.Sortable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Customer duplicates")
@RestController
@RequestMapping("/api/v1/customers/duplicates")
class DuplicateApiController {

    private static final Set<String> BANDS = Set.of("AUTO", "REVIEW");
    private static final Set<String> STATUSES = Set.of("OPEN", "MERGED", "DISMISSED");

    private final DuplicateScans scans;
    private final DuplicateStore store;
    private final CustomerMerges merges;
    private final IdentityApi identity;

    DuplicateApiController(DuplicateScans scans, DuplicateStore store, CustomerMerges merges, IdentityApi identity) {
        this.scans = scans;
        this.store = store;
        this.merges = merges;
        this.identity = identity;
    }

    record SurvivorChoice(Long survivorId) {}

    @Operation(
            summary = "Merge the two customers of a pair; the older record survives unless survivorId says otherwise")
    @PostMapping("/{id}/merge")
    CustomerMerges.Merge merge(@PathVariable long id, @RequestBody(required = false) SurvivorChoice choice) {
        return merges.mergeCandidate(id, choice == null ? null : choice.survivorId(), identity.requireCurrentUser());
    }

    @Operation(summary = "Mark a pair as two different customers; later scans do not propose it again")
    @PostMapping("/{id}/dismiss")
    ResponseEntity<Void> dismiss(@PathVariable long id) {
        merges.dismiss(id, identity.requireCurrentUser());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Start a full duplicate scan; poll the status URL in Location")
    @PostMapping("/scan")
    ResponseEntity<DuplicateStore.Scan> scan() {
        long id = scans.start(identity.requireCurrentUser().username());
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/customers/duplicates/scans/" + id))
                .body(store.scan(id).orElseThrow());
    }

    @GetMapping("/scans/{id}")
    DuplicateStore.Scan scanStatus(@PathVariable long id) {
        return store.scan(id).orElseThrow(() -> NotFoundException.of("Duplicate scan", id));
    }

    @Operation(summary = "Candidate pairs (both customers inside the caller's scope), best first")
    @GetMapping
    @Sortable(
            value = {"score", "id"},
            defaultSort = "score,desc",
            defaultSize = 50)
    PageResult<DuplicateStore.Pair> candidates(
            @RequestParam(required = false) String band,
            @RequestParam(defaultValue = "OPEN") String status,
            @RequestParam(required = false) String q,
            PageQuery page) {
        if (band != null && !BANDS.contains(band)) {
            throw InvalidRequestException.forField("band", "must be AUTO or REVIEW");
        }
        if (!STATUSES.contains(status)) {
            throw InvalidRequestException.forField("status", "must be OPEN, MERGED or DISMISSED");
        }
        return store.queue(identity.scopeOfCurrentUser(), band, status, q, page);
    }
}
