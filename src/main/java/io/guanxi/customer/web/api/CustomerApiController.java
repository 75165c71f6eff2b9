package io.guanxi.customer.web.api;

import io.guanxi.customer.CustomerApi;
import io.guanxi.customer.CustomerDetails;
import io.guanxi.customer.CustomerKind;
import io.guanxi.customer.CustomerView;
import io.guanxi.customer.DataQuality;
import io.guanxi.customer.domain.CustomerOwnership;
import io.guanxi.customer.domain.CustomerPool;
import io.guanxi.customer.domain.CustomerQuery;
import io.guanxi.customer.domain.CustomerRegistration;
import io.guanxi.customer.domain.CustomerRepository;
import io.guanxi.customer.domain.privacy.Privacy;
import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.IdentityApi;
import io.guanxi.shared.NotFoundException;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.PageResult;
import io.guanxi.shared.paging.Sortable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Customers")
@RestController
@RequestMapping("/api/v1/customers")
class CustomerApiController {

    private final CustomerRepository customers;
    private final CustomerRegistration registration;
    private final CustomerOwnership ownership;
    private final CustomerApi customerApi;
    private final CustomerPool pool;
    private final IdentityApi identity;
    private final java.time.Clock clock;

    CustomerApiController(
            CustomerRepository customers,
            CustomerRegistration registration,
            CustomerOwnership ownership,
            CustomerApi customerApi,
            CustomerPool pool,
            IdentityApi identity,
            java.time.Clock clock) {
        this.customerApi = customerApi;
        this.pool = pool;
        this.clock = clock;
        this.customers = customers;
        this.registration = registration;
        this.ownership = ownership;
        this.identity = identity;
    }

    record OwnerChange(
            @jakarta.validation.constraints.NotNull Long ownerId) {}

    @Operation(summary = "Assign or transfer the customer's owner (audited; the owner's limit applies)")
    @PostMapping("/{id}/owner")
    CustomerView assignOwner(@PathVariable long id, @Valid @RequestBody OwnerChange change) {
        return ownership.transfer(id, change.ownerId(), identity.requireCurrentUser());
    }

    @Operation(summary = "Record a follow-up by the owner (call, visit, message): the pool clock starts again")
    @PostMapping("/{id}/follow-ups")
    ResponseEntity<Void> followUp(@PathVariable long id) {
        customers.requireVisible(id, identity.scopeOfCurrentUser());
        pool.followedUp(id, java.time.Instant.now(clock));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "The caller's customers that return to the pool soon unless followed up, with the day")
    @GetMapping("/pool/returning")
    List<CustomerPool.Returning> returning() {
        return pool.returning(identity.requireCurrentUser().id());
    }

    @Operation(summary = "Take a customer from the pool of the caller's store")
    @PostMapping("/{id}/claim")
    ResponseEntity<Void> claim(@PathVariable long id) {
        ownership.claim(id, identity.requireCurrentUser());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Customers in the caller's data scope; q matches name, phone digits or email")
    @GetMapping
    @Sortable(
            value = {"displayName", "createdAt", "city", "kind"},
            defaultSort = "createdAt,desc")
    PageResult<CustomerView> list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) CustomerKind kind,
            @RequestParam(required = false) Long storeId,
            @RequestParam(required = false) Long tagId,
            @io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestParam Map<String, String> params,
            PageQuery page) {
        CurrentUser actor = identity.requireCurrentUser();
        return customers
                .search(
                        identity.scopeOf(actor),
                        new CustomerQuery(q, kind, storeId, tagId, CustomerQuery.fieldFilters(params)),
                        page)
                .map(c -> Privacy.shown(c, actor));
    }

    @Operation(summary = "The customer's data quality: score 0-100 with completeness, validity and freshness")
    @GetMapping("/{id}/data-quality")
    DataQuality dataQuality(@PathVariable long id) {
        return customerApi
                .dataQuality(id, identity.scopeOfCurrentUser())
                .orElseThrow(() -> NotFoundException.of("Customer", id));
    }

    @GetMapping("/{id}")
    CustomerView get(@PathVariable long id) {
        CurrentUser actor = identity.requireCurrentUser();
        return customers
                .find(id, identity.scopeOf(actor))
                .map(c -> Privacy.shown(c.view(), actor))
                .orElseThrow(() -> NotFoundException.of("Customer", id));
    }

    @PostMapping
    ResponseEntity<CustomerView> create(@Valid @RequestBody CustomerDetails details) {
        CustomerView created = registration.register(details, identity.requireCurrentUser());
        return ResponseEntity.created(URI.create("/api/v1/customers/" + created.id()))
                .body(created);
    }

    @PutMapping("/{id}")
    CustomerView update(@PathVariable long id, @Valid @RequestBody CustomerDetails details) {
        return registration.change(id, details, identity.requireCurrentUser());
    }
}
