package io.guanxi;

import static org.assertj.core.api.Assertions.assertThat;

import io.guanxi.support.TestDatabase;
import io.guanxi.support.TestEnvironment;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two Guanxi instances on loopback sharing one PostgreSQL: a scheduled job runs once per schedule,
 * and a session made on one instance works on the other.
 */
@Tag("postgres-only")
@ExtendWith(TestEnvironment.class)
class TwoInstancesIntegrationTests {

    private static final String SCHEMA = "guanxi_two";
    private static final String PASSWORD = "two-instances-secret";

    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static ConfigurableApplicationContext start(String instanceId) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.properties(SCHEMA));
        properties.put("server.port", "0");
        properties.put("guanxi.instance-id", instanceId);
        properties.put("guanxi.identity.admin-password", PASSWORD);
        properties.put("guanxi.identity.purge-cron", "* * * * * *");
        properties.put("spring.main.banner-mode", "off");
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(Guanxi.class).run(args);
    }

    @BeforeAll
    static void startBoth() {
        first = start("instance-a");
        second = start("instance-b");
    }

    @AfterAll
    static void stopBoth() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    private static String base(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    @Test
    void aScheduledJobRunsOncePerScheduleAcrossInstances() throws Exception {
        JdbcClient jdbc = JdbcClient.create(first.getBean(javax.sql.DataSource.class));
        Thread.sleep(5_500);
        List<Map<String, Object>> runs = jdbc.sql(
                        "SELECT instance_id, started_at FROM job_run WHERE job_name = 'identity.credential-purge'")
                .query()
                .listOfRows();
        assertThat(runs).as("the job fires every second on both instances").hasSizeGreaterThanOrEqualTo(3);
        Map<Long, Long> runsPerSecond = runs.stream()
                .collect(Collectors.groupingBy(
                        row -> ((Timestamp) row.get("started_at")).toInstant().getEpochSecond(),
                        Collectors.counting()));
        assertThat(runsPerSecond.values())
                .as("never two runs for the same second")
                .allMatch(n -> n == 1);
    }

    @Test
    void aSessionMadeOnOneInstanceWorksOnTheOther() throws Exception {
        HttpResponse<String> loginPage = http.send(
                HttpRequest.newBuilder(URI.create(base(first) + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String session = cookie(loginPage, "SESSION");
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(csrf.find()).isTrue();
        String form = "username=admin&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = http.send(
                HttpRequest.newBuilder(URI.create(base(first) + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", "SESSION=" + session)
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
        String authenticated = cookie(signedIn, "SESSION");

        HttpResponse<String> me = http.send(
                HttpRequest.newBuilder(URI.create(base(second) + "/api/v1/me"))
                        .header("Cookie", "SESSION=" + authenticated)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"username\":\"admin\"");

        HttpResponse<String> anonymous = http.send(
                HttpRequest.newBuilder(URI.create(base(second) + "/api/v1/me")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';')))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.headers()));
    }
}
