package io.guanxi.loyalty.web.api;

import io.guanxi.identity.IdentityApi;
import io.guanxi.loyalty.NewRewardItem;
import io.guanxi.loyalty.RewardItemView;
import io.guanxi.loyalty.domain.coupon.RewardCatalogue;
import io.guanxi.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Points")
@RestController
@RequestMapping("/api/v1/loyalty/catalogue")
class RewardApiController {

    private final RewardCatalogue catalogue;
    private final IdentityApi identity;

    RewardApiController(RewardCatalogue catalogue, IdentityApi identity) {
        this.catalogue = catalogue;
        this.identity = identity;
    }

    @Operation(summary = "The redemption catalogue: gifts, services and coupons for points")
    @GetMapping
    List<RewardItemView> items() {
        return catalogue.items(false);
    }

    @Operation(summary = "One catalogue item")
    @GetMapping("/{id}")
    RewardItemView item(@PathVariable long id) {
        return catalogue.find(id).orElseThrow(() -> NotFoundException.of("Reward item", id));
    }

    @Operation(
            summary = "Add an item: GIFT, SERVICE or COUPON (templateId); stock and perCustomerLimit empty = unlimited")
    @PostMapping
    ResponseEntity<RewardItemView> create(@Valid @RequestBody NewRewardItem item) {
        RewardItemView created =
                catalogue.create(item, identity.requireCurrentUser().username());
        return ResponseEntity.created(URI.create("/api/v1/loyalty/catalogue/" + created.id()))
                .body(created);
    }

    @Operation(summary = "Change an item's name, price, stock, limit or active flag (audited); the kind stays")
    @PutMapping("/{id}")
    RewardItemView update(@PathVariable long id, @Valid @RequestBody NewRewardItem item) {
        return catalogue.update(id, item, identity.requireCurrentUser().username());
    }
}
