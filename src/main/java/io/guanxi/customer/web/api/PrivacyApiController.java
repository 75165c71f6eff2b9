package io.guanxi.customer.web.api;

import io.guanxi.customer.Consent;
import io.guanxi.customer.ContactChannel;
import io.guanxi.customer.CustomerView;
import io.guanxi.customer.domain.privacy.Privacy;
import io.guanxi.identity.IdentityApi;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Customer privacy")
@RestController
@RequestMapping("/api/v1/customers/{id}")
class PrivacyApiController {

    private final Privacy privacy;
    private final IdentityApi identity;

    PrivacyApiController(Privacy privacy, IdentityApi identity) {
        this.privacy = privacy;
        this.identity = identity;
    }

    record ConsentChange(
            @NotNull ContactChannel channel,
            @NotNull Boolean granted,
            @NotBlank String source) {}

    @Operation(summary = "Consent in force per channel, and its whole history")
    @GetMapping("/consents")
    Map<String, Object> consents(@PathVariable long id) {
        privacy.requireVisible(id, identity.requireCurrentUser());
        return Map.of("current", privacy.consents(id), "history", privacy.history(id));
    }

    @Operation(summary = "Record a grant or withdrawal of consent for a channel, with where it was given")
    @PostMapping("/consents")
    Consent recordConsent(@PathVariable long id, @Valid @RequestBody ConsentChange change) {
        return privacy.recordConsent(
                id, change.channel(), change.granted(), change.source(), identity.requireCurrentUser());
    }

    @Operation(summary = "The customer unmasked (needs PII_READ; audited)")
    @PostMapping("/reveal")
    CustomerView reveal(@PathVariable long id) {
        return privacy.reveal(id, identity.requireCurrentUser());
    }

    @Operation(summary = "Everything held about the customer, for a subject access request (PRIVACY_ADMIN; audited)")
    @GetMapping("/subject-export")
    Map<String, Object> subjectExport(@PathVariable long id) {
        return privacy.subjectExport(id, identity.requireCurrentUser());
    }

    @Operation(
            summary = "Erase the customer's personal data (PRIVACY_ADMIN; audited; cannot be undone)",
            description = "Pass confirm=ERASE. Names, contact details, birthday, identity number and street are"
                    + " removed; orders and aggregates stay with the anonymous record.")
    @PostMapping("/erasure")
    ResponseEntity<CustomerView> erase(@PathVariable long id, @RequestParam(required = false) String confirm) {
        if (!"ERASE".equals(confirm)) {
            throw io.guanxi.shared.InvalidRequestException.forField("confirm", "must be ERASE");
        }
        return ResponseEntity.ok(privacy.erase(id, identity.requireCurrentUser()));
    }
}
