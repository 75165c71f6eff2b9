package io.guanxi.identity;

import io.guanxi.identity.domain.AuditEventRepository;
import io.guanxi.identity.security.GuanxiUserDetails;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes the audit log. Every module records its sensitive actions here; the actor and the client
 * address are taken from the current request. Writes join the caller's transaction, so an action
 * that rolls back leaves no audit line claiming it happened.
 */
@Component
public class AuditTrail {

    private final AuditEventRepository events;
    private final Clock clock;

    AuditTrail(AuditEventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** Records an action of the signed-in user (or of the system when nobody is signed in). */
    public void record(String action, String entityType, Object entityId, String details) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Long actorId = null;
        String actorName = "system";
        if (authentication != null && authentication.getPrincipal() instanceof GuanxiUserDetails user) {
            actorId = user.currentUser().id();
            actorName = user.getUsername();
        }
        recordAs(actorId, actorName, action, entityType, entityId, details);
    }

    /** Records an action for a named actor, e.g. a failed sign-in of someone not yet authenticated. */
    public void recordAs(
            Long actorId, String actorName, String action, String entityType, Object entityId, String details) {
        events.append(new AuditEntry(
                null,
                clock.instant(),
                actorId,
                truncate(actorName == null ? null : actorName.toLowerCase(), 64),
                action,
                entityType,
                entityId == null ? null : truncate(entityId.toString(), 64),
                remoteAddress(),
                truncate(details, 2000)));
    }

    static String remoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
