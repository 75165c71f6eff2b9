package io.guanxi.identity.security;

import io.guanxi.identity.AuditTrail;
import io.guanxi.identity.domain.LoginAttempts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Username/password sign-in with throttling: after {@code maxFailures} failed attempts within the
 * lock-out window, further attempts for that username are refused until the window has passed.
 * Attempts are counted in the database, so the limit holds across instances.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider delegate;
    private final LoginAttempts attempts;
    private final AuditTrail audit;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;

    ThrottledAuthenticationProvider(
            DaoAuthenticationProvider delegate,
            LoginAttempts attempts,
            AuditTrail audit,
            Clock clock,
            int maxFailures,
            Duration lockout) {
        this.delegate = delegate;
        this.attempts = attempts;
        this.audit = audit;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = String.valueOf(authentication.getName()).trim().toLowerCase();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : null;
        Instant now = clock.instant();
        if (attempts.failuresSince(username, now.minus(lockout)) >= maxFailures) {
            attempts.record(username, address, false, now);
            audit.recordAs(null, username, "LOGIN_THROTTLED", "user", null, null);
            throw new LockedException("Too many failed sign-in attempts; try again later");
        }
        try {
            Authentication result = delegate.authenticate(authentication);
            attempts.record(username, address, true, now);
            GuanxiUserDetails user = (GuanxiUserDetails) result.getPrincipal();
            audit.recordAs(
                    user.currentUser().id(),
                    username,
                    "LOGIN_SUCCEEDED",
                    "user",
                    user.currentUser().id(),
                    null);
            return result;
        } catch (AuthenticationException e) {
            attempts.record(username, address, false, now);
            audit.recordAs(
                    null, username, "LOGIN_FAILED", "user", null, e.getClass().getSimpleName());
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
