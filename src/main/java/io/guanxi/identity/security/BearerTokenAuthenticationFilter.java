package io.guanxi.identity.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} requests for this request only (nothing is put
 * in the session). A presented token that is unknown, expired or revoked is a 401, never a fallback
 * to anonymous.
 */
class BearerTokenAuthenticationFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;

    BearerTokenAuthenticationFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    static boolean hasBearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBearer(request)) {
            chain.doFilter(request, response);
            return;
        }
        String token = request.getHeader("Authorization").substring(7).trim();
        Optional<GuanxiUserDetails> user = token.isEmpty() ? Optional.empty() : tokens.authenticate(token);
        if (user.isEmpty() || !user.get().isEnabled()) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            ProblemResponses.write(response, 401, "Unauthorized", "The token is unknown, expired or revoked");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                user.get(), null, user.get().getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
