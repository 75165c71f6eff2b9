package io.guanxi.identity.web.api;

import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.NewUser;
import io.guanxi.identity.Role;
import io.guanxi.identity.UpdateUser;
import io.guanxi.identity.UserView;
import io.guanxi.identity.domain.User;
import io.guanxi.identity.domain.UserManagement;
import io.guanxi.identity.domain.UserRepository;
import io.guanxi.identity.security.ApiTokens;
import io.guanxi.shared.NotFoundException;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.PageResult;
import io.guanxi.shared.paging.Sortable;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Users")
@RestController
@RequestMapping("/api/v1/users")
class UserApiController {

    private final UserRepository users;
    private final UserManagement management;
    private final ApiTokens tokens;
    private final IdentityApi identity;

    UserApiController(UserRepository users, UserManagement management, ApiTokens tokens, IdentityApi identity) {
        this.users = users;
        this.management = management;
        this.tokens = tokens;
        this.identity = identity;
    }

    record PasswordReset(@NotBlank String password) {}

    @GetMapping
    @Sortable(
            value = {"username", "displayName", "role", "createdAt"},
            defaultSort = "username,asc")
    PageResult<UserView> list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Role role,
            @RequestParam(required = false) Long storeId,
            PageQuery page) {
        return users.search(q, role, storeId, page).map(User::view);
    }

    @GetMapping("/{id}")
    UserView get(@PathVariable long id) {
        return users.findById(id).map(User::view).orElseThrow(() -> NotFoundException.of("User", id));
    }

    @PostMapping
    ResponseEntity<UserView> create(@Valid @RequestBody NewUser command) {
        UserView created = management.createUser(command);
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.id()))
                .body(created);
    }

    @PutMapping("/{id}")
    UserView update(@PathVariable long id, @Valid @RequestBody UpdateUser command) {
        return management.updateUser(id, command);
    }

    @PostMapping("/{id}/deactivate")
    UserView deactivate(@PathVariable long id) {
        return management.deactivate(id, identity.requireCurrentUser().id());
    }

    @PostMapping("/{id}/reactivate")
    UserView reactivate(@PathVariable long id) {
        return management.reactivate(id);
    }

    @PostMapping("/{id}/password")
    ResponseEntity<Void> resetPassword(@PathVariable long id, @Valid @RequestBody PasswordReset reset) {
        management.resetPassword(id, reset.password());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/tokens")
    @Sortable(
            value = {"createdAt", "expiresAt"},
            defaultSort = "createdAt,desc")
    PageResult<AuthApiController.TokenView> tokensOf(@PathVariable long id, PageQuery page) {
        users.findById(id).orElseThrow(() -> NotFoundException.of("User", id));
        Instant now = tokens.now();
        return tokens.tokensOf(id, page).map(t -> AuthApiController.view(t, now));
    }
}
