package io.guanxi.customer.web.api;

import io.guanxi.customer.domain.KeyRotation;
import io.guanxi.identity.IdentityApi;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Customer privacy")
@RestController
@RequestMapping("/api/v1/privacy/keys")
class PrivacyKeysApiController {

    private final KeyRotation rotation;
    private final IdentityApi identity;

    PrivacyKeysApiController(KeyRotation rotation, IdentityApi identity) {
        this.rotation = rotation;
        this.identity = identity;
    }

    @Operation(
            summary = "The encryption and index keys in force, and how many rows each key holds (PRIVACY_ADMIN)",
            description = "A key no row uses any more can be removed from the configuration. A null key means"
                    + " rows still in plaintext.")
    @GetMapping
    KeyRotation.KeyStatus status() {
        return rotation.status(identity.requireCurrentUser());
    }

    @Operation(
            summary = "Re-encrypt every row not under the active keys (PRIVACY_ADMIN; audited)",
            description = "Batched and resumable; safe to run on two instances at once. Returns the rows moved"
                    + " and the rows still not under the active keys (locked by a concurrent write: run again).")
    @PostMapping("/re-encryption")
    KeyRotation.Outcome reencrypt() {
        return rotation.reencrypt(identity.requireCurrentUser());
    }
}
