package io.guanxi.customer.web.api;

import io.guanxi.customer.TagRule;
import io.guanxi.customer.TagView;
import io.guanxi.customer.domain.CustomerRepository;
import io.guanxi.customer.domain.tags.Tags;
import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.IdentityApi;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Tags")
@RestController
class TagApiController {

    private final Tags tags;
    private final CustomerRepository customers;
    private final IdentityApi identity;

    TagApiController(Tags tags, CustomerRepository customers, IdentityApi identity) {
        this.tags = tags;
        this.customers = customers;
        this.identity = identity;
    }

    /** A tag to create or change; with a rule it is a rule tag, kept on exactly the matching customers. */
    record TagBody(
            @NotBlank @Size(max = 60) String name,
            @Size(max = 300) String description,
            @Valid TagRule rule) {}

    record TagRef(@NotNull Long tagId) {}

    @Operation(summary = "Every tag, with how many customers in the caller's scope carry it")
    @GetMapping("/api/v1/tags")
    List<TagView> all() {
        return tags.all(identity.scopeOfCurrentUser());
    }

    @GetMapping("/api/v1/tags/{id}")
    TagView get(@PathVariable long id) {
        return tags.get(id);
    }

    @Operation(summary = "Create a manual tag, or a rule tag (put on every matching customer at once)")
    @PostMapping("/api/v1/tags")
    ResponseEntity<TagView> create(@Valid @RequestBody TagBody body) {
        TagView tag = tags.create(body.name(), body.description(), body.rule());
        return ResponseEntity.created(URI.create("/api/v1/tags/" + tag.id())).body(tag);
    }

    @Operation(summary = "Rename a tag or change its rule (re-applied to every customer at once)")
    @PutMapping("/api/v1/tags/{id}")
    TagView change(@PathVariable long id, @Valid @RequestBody TagBody body) {
        return tags.change(id, body.name(), body.description(), body.rule());
    }

    @DeleteMapping("/api/v1/tags/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        tags.delete(id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Re-apply every rule tag to every customer now (it also runs nightly)")
    @PostMapping("/api/v1/tags/refresh")
    Map<String, Long> refresh() {
        return Map.of("changed", tags.refreshAll());
    }

    @Operation(summary = "The customer's tags")
    @GetMapping("/api/v1/customers/{id}/tags")
    List<TagView> customerTags(@PathVariable long id) {
        customers.requireVisible(id, identity.scopeOfCurrentUser());
        return tags.of(id);
    }

    @Operation(summary = "Put a manual tag on the customer")
    @PostMapping("/api/v1/customers/{id}/tags")
    List<TagView> tag(@PathVariable long id, @Valid @RequestBody TagRef ref) {
        CurrentUser actor = identity.requireCurrentUser();
        customers.requireVisible(id, identity.scopeOf(actor));
        tags.tag(id, ref.tagId(), actor.username());
        return tags.of(id);
    }

    @Operation(summary = "Take a manual tag off the customer")
    @DeleteMapping("/api/v1/customers/{id}/tags/{tagId}")
    ResponseEntity<Void> untag(@PathVariable long id, @PathVariable long tagId) {
        customers.requireVisible(id, identity.scopeOfCurrentUser());
        tags.untag(id, tagId);
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Figures other modules keep about the customer (its portrait), usable in rules as metric.<name>")
    @GetMapping("/api/v1/customers/{id}/metrics")
    Map<String, BigDecimal> metrics(@PathVariable long id) {
        customers.requireVisible(id, identity.scopeOfCurrentUser());
        return tags.metrics(id);
    }
}
