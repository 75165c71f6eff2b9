package io.guanxi.identity.web.api;

import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.domain.ApiTokenRepository;
import io.guanxi.identity.security.ApiTokens;
import io.guanxi.identity.security.GuanxiUserDetails;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.PageResult;
import io.guanxi.shared.paging.Sortable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Authentication")
@RestController
class AuthApiController {

    private final AuthenticationManager authenticationManager;
    private final ApiTokens tokens;
    private final IdentityApi identity;

    AuthApiController(AuthenticationManager authenticationManager, ApiTokens tokens, IdentityApi identity) {
        this.authenticationManager = authenticationManager;
        this.tokens = tokens;
        this.identity = identity;
    }

    record TokenRequest(
            @NotBlank @Size(max = 64) String username,
            @NotBlank @Size(max = 128) String password) {}

    record TokenResponse(String token, Instant expiresAt) {}

    record TokenView(
            long id, Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt, boolean active) {}

    @Operation(summary = "Exchange a username and password for a bearer token")
    @PostMapping("/api/v1/auth/token")
    ResponseEntity<?> token(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
        UsernamePasswordAuthenticationToken attempt =
                UsernamePasswordAuthenticationToken.unauthenticated(request.username(), request.password());
        attempt.setDetails(new WebAuthenticationDetailsSource().buildDetails(http));
        Authentication authentication;
        try {
            authentication = authenticationManager.authenticate(attempt);
        } catch (LockedException e) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .body(ProblemDetail.forStatusAndDetail(
                            HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-in attempts; try again later"));
        } catch (AuthenticationException e) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "Wrong username or password"));
        }
        CurrentUser user = ((GuanxiUserDetails) authentication.getPrincipal()).currentUser();
        ApiTokens.IssuedToken issued = tokens.issue(user, http.getRemoteAddr());
        return ResponseEntity.ok(new TokenResponse(issued.token(), issued.expiresAt()));
    }

    @Operation(summary = "List the caller's API tokens")
    @GetMapping("/api/v1/auth/tokens")
    @Sortable(
            value = {"createdAt", "expiresAt"},
            defaultSort = "createdAt,desc")
    PageResult<TokenView> myTokens(PageQuery page) {
        Instant now = tokens.now();
        return tokens.tokensOf(identity.requireCurrentUser().id(), page).map(t -> view(t, now));
    }

    @Operation(summary = "Revoke one of the caller's tokens (admins: anyone's)")
    @DeleteMapping("/api/v1/auth/tokens/{id}")
    ResponseEntity<Void> revoke(@PathVariable long id) {
        tokens.revoke(id, identity.requireCurrentUser());
        return ResponseEntity.noContent().build();
    }

    static TokenView view(ApiTokenRepository.TokenRow t, Instant now) {
        return new TokenView(t.id(), t.createdAt(), t.expiresAt(), t.revokedAt(), t.lastUsedAt(), t.active(now));
    }
}
