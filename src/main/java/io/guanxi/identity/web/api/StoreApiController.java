package io.guanxi.identity.web.api;

import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.NewStore;
import io.guanxi.identity.StoreView;
import io.guanxi.identity.domain.OrganisationRepository;
import io.guanxi.shared.NotFoundException;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.PageResult;
import io.guanxi.shared.paging.Sortable;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Organisation")
@RestController
@RequestMapping("/api/v1/stores")
class StoreApiController {

    private final IdentityApi identity;
    private final OrganisationRepository organisation;

    StoreApiController(IdentityApi identity, OrganisationRepository organisation) {
        this.identity = identity;
        this.organisation = organisation;
    }

    record NewTeam(@NotBlank @Size(max = 200) String name) {}

    record TeamView(long id, long storeId, String name) {}

    /** Stores are few (tens to hundreds), so they are sorted and paged in memory. */
    @GetMapping
    @Sortable(
            value = {"code", "name", "city"},
            defaultSort = "code,asc")
    PageResult<StoreView> list(PageQuery page) {
        Comparator<StoreView> order = Comparator.comparing(StoreView::code);
        if (!page.sort().isEmpty()) {
            PageQuery.SortOrder sort = page.sort().get(0);
            Comparator<StoreView> by = switch (sort.property()) {
                case "name" -> Comparator.comparing(StoreView::name);
                case "city" -> Comparator.comparing(s -> s.city() == null ? "" : s.city());
                default -> Comparator.comparing(StoreView::code);
            };
            order = sort.ascending() ? by : by.reversed();
        }
        return PageResult.slice(identity.stores().stream().sorted(order).toList(), page);
    }

    @GetMapping("/{id}")
    StoreView get(@PathVariable long id) {
        return identity.store(id).orElseThrow(() -> NotFoundException.of("Store", id));
    }

    @PostMapping
    ResponseEntity<StoreView> open(@Valid @RequestBody NewStore store) {
        StoreView created = identity.openStore(store);
        return ResponseEntity.created(URI.create("/api/v1/stores/" + created.id()))
                .body(created);
    }

    @GetMapping("/{id}/teams")
    List<TeamView> teams(@PathVariable long id) {
        identity.store(id).orElseThrow(() -> NotFoundException.of("Store", id));
        return organisation.teams().stream()
                .filter(t -> t.storeId() == id)
                .map(t -> new TeamView(t.id(), t.storeId(), t.name()))
                .toList();
    }

    @PostMapping("/{id}/teams")
    ResponseEntity<TeamView> createTeam(@PathVariable long id, @Valid @RequestBody NewTeam team) {
        long teamId = identity.createTeam(id, team.name());
        return ResponseEntity.created(URI.create("/api/v1/stores/" + id + "/teams"))
                .body(new TeamView(teamId, id, team.name().trim()));
    }
}
