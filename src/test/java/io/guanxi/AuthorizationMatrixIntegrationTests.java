package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.guanxi.identity.Role;
import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route the application maps × every role (and nobody): allowed, 403, or sent to sign in.
 * The routes come from the application's own handler mappings and the expectations from
 * {@code authorization-matrix.txt}, so a new route without a row fails here.
 */
@IntegrationTest
class AuthorizationMatrixIntegrationTests {

    /** A demo user of each role. */
    private static final Map<Role, String> USERS = new EnumMap<>(Map.of(
            Role.ADMIN, "admin",
            Role.MANAGER, "manager.sh",
            Role.SALES, "sales.sh.1",
            Role.SERVICE, "service.sh",
            Role.MARKETER, "marketer",
            Role.ANALYST, "analyst",
            Role.DEALER, "dealer.hz"));

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    record Route(String method, String pattern) implements Comparable<Route> {
        @Override
        public int compareTo(Route other) {
            return (pattern + " " + method).compareTo(other.pattern + " " + other.method);
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    private Set<Route> mappedRoutes() {
        Set<Route> routes = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    routes.add(new Route("*", pattern));
                }
                for (RequestMethod method : methods) {
                    routes.add(new Route(method.name(), pattern));
                }
            }
        }
        return routes;
    }

    private static Map<Route, String> expectations() throws IOException {
        Map<Route, String> rules = new TreeMap<>();
        String text = new ClassPathResource("authorization-matrix.txt").getContentAsString(StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+", 3);
            rules.put(new Route(parts[0], parts[1]), parts[2].strip());
        }
        return rules;
    }

    @Test
    void everyRouteHasARowAndEveryRowARoute() throws IOException {
        Set<Route> mapped = mappedRoutes();
        Set<Route> listed = expectations().keySet();
        Set<Route> missing = new TreeSet<>(mapped);
        missing.removeAll(listed);
        Set<Route> stale = new TreeSet<>(listed);
        stale.removeAll(mapped);
        assertThat(missing)
                .as("routes without a row in authorization-matrix.txt")
                .isEmpty();
        assertThat(stale).as("rows for routes that no longer exist").isEmpty();
    }

    @Test
    void everyRoleGetsExactlyWhatTheMatrixSays() throws Exception {
        Map<Role, String> tokens = new EnumMap<>(Role.class);
        for (Map.Entry<Role, String> user : USERS.entrySet()) {
            tokens.put(
                    user.getKey(),
                    Api.token(
                            mvc,
                            user.getValue(),
                            user.getKey() == Role.ADMIN
                                    ? IntegrationTest.ADMIN_PASSWORD
                                    : IntegrationTest.DEMO_PASSWORD));
        }
        List<String> wrong = new ArrayList<>();
        Map<Route, String> rules = expectations();
        for (Route route : mappedRoutes()) {
            String rule = rules.get(route);
            if (rule == null) {
                continue; // reported by everyRouteHasARowAndEveryRowARoute
            }
            Set<String> allowed = new TreeSet<>(List.of(rule.split("[,\\s]+")));
            boolean api = route.pattern().startsWith("/api/") || route.pattern().startsWith("/actuator");
            MockHttpServletResponse anonymous = perform(route, null);
            if (allowed.contains("public")) {
                check(wrong, route, "nobody", isAllowed(anonymous), anonymous);
            } else if (api) {
                check(wrong, route, "nobody", anonymous.getStatus() == 401, anonymous);
            } else {
                check(
                        wrong,
                        route,
                        "nobody",
                        anonymous.getStatus() == 302
                                && String.valueOf(anonymous.getRedirectedUrl()).endsWith("/login"),
                        anonymous);
            }
            for (Role role : Role.values()) {
                MockHttpServletResponse response = perform(route, tokens.get(role));
                boolean expectAllowed = allowed.contains("public")
                        || allowed.contains("authenticated")
                        || allowed.contains(role.name());
                check(
                        wrong,
                        route,
                        role.name(),
                        expectAllowed ? isAllowed(response) : response.getStatus() == 403,
                        response);
            }
        }
        assertThat(wrong)
                .as("routes whose access differs from authorization-matrix.txt")
                .isEmpty();
    }

    private static boolean isAllowed(MockHttpServletResponse response) {
        int status = response.getStatus();
        boolean toLogin =
                status == 302 && String.valueOf(response.getRedirectedUrl()).endsWith("/login");
        return status != 401 && status != 403 && !toLogin;
    }

    private static void check(
            List<String> wrong, Route route, String who, boolean ok, MockHttpServletResponse response) {
        if (!ok) {
            wrong.add(route + " as " + who + " -> " + response.getStatus() + " " + response.getRedirectedUrl());
        }
    }

    private MockHttpServletResponse perform(Route route, String token) throws Exception {
        String path = route.pattern().replaceAll("\\{\\*?[^}]+}", "999999").replace("/**", "/x");
        HttpMethod method = route.method().equals("*") ? HttpMethod.GET : HttpMethod.valueOf(route.method());
        MockHttpServletRequestBuilder request = request(method, path).with(csrf());
        if (token != null) {
            request.header("Authorization", bearer(token));
        }
        return mvc.perform(request).andReturn().getResponse();
    }
}
