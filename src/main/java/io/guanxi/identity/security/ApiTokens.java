package io.guanxi.identity.security;

import io.guanxi.identity.AuditTrail;
import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.Permission;
import io.guanxi.identity.domain.ApiTokenRepository;
import io.guanxi.identity.domain.ApiTokenRepository.TokenRow;
import io.guanxi.identity.domain.UserRepository;
import io.guanxi.shared.NotFoundException;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.PageResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API bearer tokens: 256 random bits handed out once, stored only as a SHA-256 hash, revocable by
 * their user or an admin.
 */
@Service
public class ApiTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final ApiTokenRepository tokens;
    private final UserRepository users;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration lifetime;

    ApiTokens(
            ApiTokenRepository tokens,
            UserRepository users,
            AuditTrail audit,
            Clock clock,
            @Value("${guanxi.identity.token-lifetime:PT12H}") Duration lifetime) {
        this.tokens = tokens;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    @Transactional
    public IssuedToken issue(CurrentUser user, String remoteAddr) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "gx_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        long id = tokens.insert(user.id(), hash(token), now, expiresAt, remoteAddr);
        audit.recordAs(user.id(), user.username(), "API_TOKEN_ISSUED", "api_token", id, null);
        return new IssuedToken(id, token, expiresAt);
    }

    /** The user a presented token belongs to, if the token is active. */
    public Optional<GuanxiUserDetails> authenticate(String token) {
        Instant now = clock.instant();
        return tokens.findActive(hash(token), now).flatMap(active -> {
            if (active.lastUsedAt() == null || active.lastUsedAt().isBefore(now.minus(TOUCH_INTERVAL))) {
                tokens.touch(active.id(), now);
            }
            return users.findById(active.userId()).map(GuanxiUserDetailsService::details);
        });
    }

    public PageResult<TokenRow> tokensOf(long userId, PageQuery page) {
        return tokens.forUser(userId, page);
    }

    /** Revokes a token of the caller, or of anyone when the caller administers users. */
    @Transactional
    public void revoke(long tokenId, CurrentUser caller) {
        TokenRow token = tokens.find(tokenId).orElseThrow(() -> NotFoundException.of("Token", tokenId));
        if (token.userId() != caller.id() && !caller.can(Permission.USER_ADMIN)) {
            throw NotFoundException.of("Token", tokenId);
        }
        if (tokens.revoke(tokenId, caller.id(), clock.instant())) {
            audit.record("API_TOKEN_REVOKED", "api_token", tokenId, "owner=" + token.userId());
        }
    }

    public int purgeExpired(Duration keep) {
        return tokens.deleteExpiredBefore(clock.instant().minus(keep));
    }

    public Instant now() {
        return clock.instant();
    }

    static String hash(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A freshly issued token: the secret is shown this once. */
    public record IssuedToken(long id, String token, Instant expiresAt) {}
}
