package io.guanxi.loyalty.web.api;

import io.guanxi.customer.CustomerApi;
import io.guanxi.identity.IdentityApi;
import io.guanxi.loyalty.PointsBalance;
import io.guanxi.loyalty.PointsMovementView;
import io.guanxi.loyalty.RewardRedeemed;
import io.guanxi.loyalty.domain.LoyaltyProperties;
import io.guanxi.loyalty.domain.PointsAccounts;
import io.guanxi.loyalty.domain.PointsLedger;
import io.guanxi.loyalty.domain.coupon.RewardCatalogue;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.NotFoundException;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.PageResult;
import io.guanxi.shared.paging.Sortable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Points")
@RestController
@RequestMapping("/api/v1/customers/{customerId}/points")
class PointsApiController {

    private final PointsLedger ledger;
    private final PointsAccounts accounts;
    private final LoyaltyProperties properties;
    private final CustomerApi customers;
    private final IdentityApi identity;
    private final RewardCatalogue catalogue;

    PointsApiController(
            PointsLedger ledger,
            PointsAccounts accounts,
            LoyaltyProperties properties,
            CustomerApi customers,
            IdentityApi identity,
            RewardCatalogue catalogue) {
        this.catalogue = catalogue;
        this.ledger = ledger;
        this.accounts = accounts;
        this.properties = properties;
        this.customers = customers;
        this.identity = identity;
    }

    /** Either a number of points, or a catalogue item ({@code itemId}) whose price is spent. */
    record Redemption(
            @Positive Long points,
            @Positive Long itemId,
            @Size(max = 80) String reference,
            @Size(max = 500) String note) {}

    record Adjustment(
            @Min(-PointsLedger.MAX_ADJUSTMENT) @Max(PointsLedger.MAX_ADJUSTMENT)
            long points,

            @NotBlank @Size(max = 500) String reason) {}

    /**
     * Bonus points staff grant by hand. Referral rewards are not among them: the referral programme
     * pays them when the referred customer qualifies, once per referral.
     */
    enum BonusKind {
        SIGN_UP,
        ACTIVITY
    }

    record Award(
            @NotNull BonusKind kind,
            @Size(max = 30) String code,
            @Size(max = 50) String reference) {}

    /** A movement with the balance after it. */
    record MovementResult(PointsMovementView movement, PointsBalance balance) {}

    @Operation(summary = "Points now: balance, available to spend, pending (return window), expiring soon")
    @GetMapping
    PointsBalance balance(@PathVariable long customerId) {
        requireVisible(customerId);
        return ledger.balance(customerId);
    }

    @Operation(summary = "The points ledger, newest first")
    @GetMapping("/ledger")
    @Sortable(
            value = {"occurredAt"},
            defaultSort = "occurredAt,desc")
    PageResult<PointsMovementView> ledger(@PathVariable long customerId, PageQuery page) {
        requireVisible(customerId);
        return accounts.ledger(customerId, page);
    }

    @Operation(
            summary = "Spend points (oldest lots first); more than available is refused and nothing is written."
                    + " A reference makes the call idempotent. With itemId instead of points: redeem a catalogue"
                    + " item (its price in points, one unit of stock, a coupon for a COUPON item); out of stock,"
                    + " over the per-customer limit or too few points is a 409 and nothing is written")
    @PostMapping("/redemptions")
    ResponseEntity<?> redeem(@PathVariable long customerId, @Valid @RequestBody Redemption redemption) {
        requireVisible(customerId);
        if ((redemption.points() == null) == (redemption.itemId() == null)) {
            throw InvalidRequestException.forField("points", "give either points or itemId");
        }
        if (redemption.itemId() != null) {
            RewardRedeemed redeemed =
                    catalogue.redeem(customerId, redemption.itemId(), reference(redemption.reference()), actor());
            return ResponseEntity.created(URI.create("/api/v1/customers/" + customerId + "/points/ledger"))
                    .body(redeemed);
        }
        String reference = reference(redemption.reference());
        String source = reference == null ? null : "redemption:" + customerId + ":" + reference;
        PointsMovementView movement =
                ledger.redeem(customerId, redemption.points(), "REDEMPTION", source, actor(), redemption.note());
        return created(customerId, movement);
    }

    @Operation(summary = "Correct points by hand, with a reason (audited)")
    @PostMapping("/adjustments")
    ResponseEntity<MovementResult> adjust(@PathVariable long customerId, @Valid @RequestBody Adjustment adjustment) {
        requireVisible(customerId);
        PointsMovementView movement = ledger.adjust(
                customerId, adjustment.points(), adjustment.reason().strip(), actor());
        return created(customerId, movement);
    }

    @Operation(
            summary = "Grant bonus points by hand (audited): SIGN_UP (once per customer), ACTIVITY (code from"
                    + " configuration, reference makes it once). Referral rewards are paid by the referral"
                    + " programme")
    @PostMapping("/awards")
    ResponseEntity<MovementResult> award(@PathVariable long customerId, @Valid @RequestBody Award award) {
        requireVisible(customerId);
        long points;
        String source;
        switch (award.kind()) {
            case SIGN_UP -> {
                points = properties.signUpPoints();
                source = "signup:" + customerId;
            }
            default -> {
                String code = requireText("code", award.code());
                points = properties.activityPoints().getOrDefault(code, 0L);
                source = "activity:" + customerId + ":" + code + ":" + requireText("reference", award.reference());
            }
        }
        PointsMovementView movement = ledger.grant(customerId, award.kind().name(), points, source, actor());
        return created(customerId, movement);
    }

    private ResponseEntity<MovementResult> created(long customerId, PointsMovementView movement) {
        return ResponseEntity.created(URI.create("/api/v1/customers/" + customerId + "/points/ledger"))
                .body(new MovementResult(movement, ledger.balance(customerId)));
    }

    private static String reference(String reference) {
        return reference == null || reference.isBlank() ? null : reference.strip();
    }

    private static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw InvalidRequestException.forField(field, "is required");
        }
        return value.strip();
    }

    private void requireVisible(long customerId) {
        if (customers.find(customerId, identity.scopeOfCurrentUser()).isEmpty()) {
            throw NotFoundException.of("Customer", customerId);
        }
    }

    private String actor() {
        return identity.requireCurrentUser().username();
    }
}
