package io.guanxi.loyalty.web.api;

import io.guanxi.customer.CustomerApi;
import io.guanxi.identity.IdentityApi;
import io.guanxi.loyalty.domain.care.CareMessage;
import io.guanxi.loyalty.domain.care.CareMessages;
import io.guanxi.loyalty.domain.entitlement.EntitlementUse;
import io.guanxi.loyalty.domain.entitlement.EntitlementView;
import io.guanxi.loyalty.domain.entitlement.Entitlements;
import io.guanxi.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Service packages")
@RestController
@RequestMapping("/api/v1/customers/{customerId}")
class EntitlementApiController {

    private final Entitlements entitlements;
    private final CareMessages careMessages;
    private final CustomerApi customers;
    private final IdentityApi identity;

    EntitlementApiController(
            Entitlements entitlements, CareMessages careMessages, CustomerApi customers, IdentityApi identity) {
        this.entitlements = entitlements;
        this.careMessages = careMessages;
        this.customers = customers;
        this.identity = identity;
    }

    /** A use at a visit: the visit's reference (or the Idempotency-Key header) makes it once only. */
    record RedemptionRequest(
            @Size(max = 100) String visitRef,
            @Size(max = 500) String note) {}

    record RedemptionResult(EntitlementView entitlement, EntitlementUse use) {}

    @Operation(summary = "The customer's service entitlements, newest first, with uses left and expiry")
    @GetMapping("/entitlements")
    List<EntitlementView> list(@PathVariable long customerId) {
        requireVisible(customerId);
        return entitlements.forCustomer(customerId);
    }

    @Operation(summary = "The append-only history of one entitlement: grant, redemptions, revocation")
    @GetMapping("/entitlements/{entitlementId}/usages")
    List<EntitlementUse> history(@PathVariable long customerId, @PathVariable long entitlementId) {
        requireVisible(customerId);
        entitlements.find(customerId, entitlementId);
        return entitlements.history(entitlementId);
    }

    @Operation(
            summary = "Use one service at a visit. Idempotent by visitRef or the Idempotency-Key header (201 the"
                    + " first time, 200 with the same result on a repeat); 409 when expired, used up or revoked")
    @PostMapping("/entitlements/{entitlementId}/redemptions")
    ResponseEntity<RedemptionResult> redeem(
            @PathVariable long customerId,
            @PathVariable long entitlementId,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @Valid @RequestBody(required = false) RedemptionRequest request) {
        requireVisible(customerId);
        String reference = request != null
                        && request.visitRef() != null
                        && !request.visitRef().isBlank()
                ? request.visitRef()
                : key;
        Entitlements.Redemption done = entitlements.redeem(
                customerId,
                entitlementId,
                reference,
                request == null ? null : request.note(),
                identity.requireCurrentUser().username());
        RedemptionResult body = new RedemptionResult(done.entitlement(), done.use());
        if (done.replayed()) {
            return ResponseEntity.status(HttpStatus.OK).body(body);
        }
        return ResponseEntity.created(
                        URI.create("/api/v1/customers/" + customerId + "/entitlements/" + entitlementId + "/usages"))
                .body(body);
    }

    @Operation(summary = "The latest care messages to the customer (sent, skipped or failed)")
    @GetMapping("/care-messages")
    List<CareMessage> careMessages(@PathVariable long customerId, @RequestParam(defaultValue = "20") int limit) {
        requireVisible(customerId);
        return careMessages.recent(customerId, Math.max(1, Math.min(limit, 100)));
    }

    private void requireVisible(long customerId) {
        if (customers.find(customerId, identity.scopeOfCurrentUser()).isEmpty()) {
            throw NotFoundException.of("Customer", customerId);
        }
    }
}
