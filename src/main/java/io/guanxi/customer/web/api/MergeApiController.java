package io.guanxi.customer.web.api;

import io.guanxi.customer.domain.CustomerMerges;
import io.guanxi.identity.IdentityApi;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.PageResult;
import io.guanxi.shared.paging.Sortable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
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
@RequestMapping("/api/v1/customers/merges")
class MergeApiController {

    private final CustomerMerges merges;
    private final IdentityApi identity;

    MergeApiController(CustomerMerges merges, IdentityApi identity) {
        this.merges = merges;
        this.identity = identity;
    }

    record MergeRequest(@NotNull Long survivorId, @NotNull Long mergedId) {}

    @Operation(summary = "Merge one customer into another (survivorship rules decide each field)")
    @PostMapping
    ResponseEntity<CustomerMerges.Merge> merge(@Valid @RequestBody MergeRequest request) {
        CustomerMerges.Merge merge =
                merges.merge(request.survivorId(), request.mergedId(), null, identity.requireCurrentUser());
        return ResponseEntity.created(URI.create("/api/v1/customers/merges?customerId=" + merge.survivorId()))
                .body(merge);
    }

    @Operation(summary = "Undo a merge (the latest one involving these customers)")
    @PostMapping("/{id}/undo")
    CustomerMerges.Merge undo(@PathVariable long id) {
        return merges.undo(id, identity.requireCurrentUser());
    }

    @Operation(summary = "Merge history of a customer, newest first")
    @GetMapping
    @Sortable(value = "id", defaultSort = "id,desc")
    PageResult<CustomerMerges.Merge> history(@RequestParam long customerId, PageQuery page) {
        return PageResult.slice(merges.historyOf(customerId), page);
    }
}
