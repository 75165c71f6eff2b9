package io.guanxi.identity.security;

import io.guanxi.identity.AuditTrail;
import io.guanxi.identity.domain.LoginAttempts;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/** Web security: form sign-in for pages, bearer tokens for the API, rules from {@link AccessPolicy}. */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'"
            + " 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self';"
            + " form-action 'self'";

    @Bean
    AuthenticationManager authenticationManager(
            GuanxiUserDetailsService userDetailsService,
            PasswordEncoder passwordEncoder,
            LoginAttempts attempts,
            AuditTrail audit,
            Clock clock,
            @Value("${guanxi.identity.login-max-failures:5}") int maxFailures,
            @Value("${guanxi.identity.login-lockout:PT15M}") Duration lockout) {
        DaoAuthenticationProvider dao = new DaoAuthenticationProvider(userDetailsService);
        dao.setPasswordEncoder(passwordEncoder);
        return new ProviderManager(
                new ThrottledAuthenticationProvider(dao, attempts, audit, clock, maxFailures, lockout));
    }

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http, ApiTokens tokens, AuthenticationManager authenticationManager) throws Exception {
        http.authenticationManager(authenticationManager);
        http.authorizeHttpRequests(auth -> {
            auth.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD)
                    .permitAll();
            for (AccessPolicy.Rule rule : AccessPolicy.RULES) {
                AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizedUrl url = rule.method() == null
                        ? auth.requestMatchers(rule.pattern())
                        : auth.requestMatchers(rule.method(), rule.pattern());
                if (rule.access() instanceof AccessPolicy.Access.Requires requires) {
                    url.hasAuthority(requires.permission().authority());
                } else if (rule.access() instanceof AccessPolicy.Access.Authenticated) {
                    url.authenticated();
                } else {
                    url.permitAll();
                }
            }
            auth.anyRequest().denyAll();
        });
        http.addFilterBefore(new BearerTokenAuthenticationFilter(tokens), UsernamePasswordAuthenticationFilter.class);
        http.formLogin(form -> form.loginPage("/login")
                .defaultSuccessUrl("/", false)
                .failureHandler((request, response, exception) -> response.sendRedirect(request.getContextPath()
                        + (exception instanceof LockedException ? "/login?locked" : "/login?error")))
                .permitAll());
        http.logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        http.csrf(csrf -> csrf.ignoringRequestMatchers(
                BearerTokenAuthenticationFilter::hasBearer,
                PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/auth/token")));
        http.exceptionHandling(exceptions ->
                exceptions.authenticationEntryPoint(entryPoint()).accessDeniedHandler(accessDeniedHandler()));
        http.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer ->
                        referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .frameOptions(frame -> frame.deny()));
        return http.build();
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/actuator/");
    }

    private static AuthenticationEntryPoint entryPoint() {
        LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
        return (request, response, exception) -> {
            if (isApi(request)) {
                response.setHeader("WWW-Authenticate", "Bearer");
                ProblemResponses.write(response, 401, "Unauthorized", "Authentication required");
            } else if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", request.getContextPath() + "/login");
                response.setStatus(401);
            } else {
                login.commence(request, response, exception);
            }
        };
    }

    private static AccessDeniedHandler accessDeniedHandler() {
        AccessDeniedHandlerImpl pages = new AccessDeniedHandlerImpl();
        return (request, response, exception) -> {
            if (isApi(request)) {
                ProblemResponses.write(response, 403, "Forbidden", "You do not have the right to do this");
            } else {
                pages.handle(request, response, exception);
            }
        };
    }
}
