package io.guanxi.loyalty.web.api;

import io.guanxi.customer.CustomerApi;
import io.guanxi.identity.IdentityApi;
import io.guanxi.loyalty.Membership;
import io.guanxi.loyalty.TierBenefits;
import io.guanxi.loyalty.TierProgramme;
import io.guanxi.loyalty.TierView;
import io.guanxi.loyalty.domain.Memberships;
import io.guanxi.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Membership tiers")
@RestController
class TierApiController {

    private final Memberships memberships;
    private final CustomerApi customers;
    private final IdentityApi identity;

    TierApiController(Memberships memberships, CustomerApi customers, IdentityApi identity) {
        this.memberships = memberships;
        this.customers = customers;
        this.identity = identity;
    }

    @Operation(
            summary =
                    "A customer's tier: benefits, since when, next evaluation, grace period, progress to the next tier,"
                            + " history")
    @GetMapping("/api/v1/customers/{id}/tier")
    Membership tier(@PathVariable long id) {
        if (customers.find(id, identity.scopeOfCurrentUser()).isEmpty()) {
            throw NotFoundException.of("Customer", id);
        }
        return memberships.membership(id);
    }

    @Operation(summary = "The tier programme: rolling window, grace period, tiers with thresholds and benefits")
    @GetMapping("/api/v1/loyalty/tiers")
    TierProgramme tiers() {
        return memberships.programme();
    }

    /** The whole programme at once (3 to 5 tiers, lowest first); a tier customers hold cannot be removed. */
    record ProgrammeRequest(
            @NotNull Integer windowMonths,
            @NotNull Integer graceDays,
            @NotNull @Size(min = 3, max = 5) List<@Valid @NotNull TierRequest> tiers) {

        TierProgramme toProgramme() {
            List<TierView> list = new ArrayList<>();
            for (int i = 0; i < tiers.size(); i++) {
                list.add(tiers.get(i).toTier(i + 1));
            }
            return new TierProgramme(windowMonths, graceDays, list);
        }
    }

    record ReductionRequest(
            @NotNull BigDecimal spendFrom, @NotNull BigDecimal amountOff) {}

    record TierRequest(
            @NotNull @Size(max = 20) String code,
            @NotNull @Size(max = 40) String nameZh,
            @NotNull @Size(max = 40) String nameEn,
            BigDecimal minSpend,
            Integer minOrders,
            Long minPoints,
            BigDecimal pointsMultiplier,
            BigDecimal discountRate,
            @Size(max = 10) List<@Valid @NotNull ReductionRequest> reductions,
            @Size(max = 200) String birthdayPack,
            Long birthdayPoints,
            Long birthdayCouponTemplateId,
            @Size(max = 400) String freeServices,
            Boolean priorityService,
            Boolean dedicatedAdvisor) {

        TierView toTier(int rank) {
            return new TierView(
                    code,
                    rank,
                    nameZh,
                    nameEn,
                    minSpend,
                    minOrders,
                    minPoints,
                    pointsMultiplier == null ? BigDecimal.ONE : pointsMultiplier,
                    new TierBenefits(
                            discountRate == null ? BigDecimal.ZERO : discountRate,
                            reductions == null
                                    ? List.of()
                                    : reductions.stream()
                                            .map(r -> new TierBenefits.Reduction(r.spendFrom(), r.amountOff()))
                                            .toList(),
                            birthdayPack,
                            birthdayPoints == null ? 0 : birthdayPoints,
                            freeServices,
                            Boolean.TRUE.equals(priorityService),
                            Boolean.TRUE.equals(dedicatedAdvisor),
                            birthdayCouponTemplateId));
        }
    }

    @Operation(
            summary = "Replace the tier programme (3 to 5 tiers, lowest first, thresholds rising)",
            description = "A tier's birthday pack (birthdayCouponTemplateId and/or birthdayPoints) is given by the"
                    + " daily job on each member's birthday, once per customer and year; birthdayPack describes it.")
    @PutMapping("/api/v1/loyalty/tiers")
    TierProgramme update(@Valid @RequestBody ProgrammeRequest request) {
        return memberships.update(
                request.toProgramme(), identity.requireCurrentUser().username());
    }
}
