package io.guanxi.identity.web.api;

import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.Permission;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Authentication")
@RestController
class MeApiController {

    private final IdentityApi identity;

    MeApiController(IdentityApi identity) {
        this.identity = identity;
    }

    record Me(CurrentUser user, Set<Permission> permissions) {}

    @GetMapping("/api/v1/me")
    Me me() {
        CurrentUser user = identity.requireCurrentUser();
        return new Me(user, user.role().permissions());
    }
}
