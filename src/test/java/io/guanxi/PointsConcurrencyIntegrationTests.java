package io.guanxi;

import static org.assertj.core.api.Assertions.assertThat;

import io.guanxi.support.TestDatabase;
import io.guanxi.support.TestEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two Guanxi instances on one PostgreSQL, hammered with concurrent earn (orders), redemptions,
 * refunds and adjustments for one customer: never over-redeemed, no movement lost or doubled, the
 * balance always the sum of the ledger, every lot what it earned minus its allocations.
 */
@Tag("postgres-only")
@ExtendWith(TestEnvironment.class)
class PointsConcurrencyIntegrationTests {

    private static final String SCHEMA = "guanxi_points_two";
    private static final String PASSWORD = "points-two-secret";

    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;
    static JdbcClient jdbc;
    static String token;
    static long store;
    static String sku;

    final HttpClient http = HttpClient.newHttpClient();

    static ConfigurableApplicationContext start(String instanceId) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.properties(SCHEMA));
        properties.put("server.port", "0");
        properties.put("guanxi.instance-id", instanceId);
        properties.put("guanxi.identity.admin-password", PASSWORD);
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.datasource.hikari.maximum-pool-size", "12");
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(Guanxi.class).run(args);
    }

    @BeforeAll
    static void startBoth() throws Exception {
        first = start("points-a");
        second = start("points-b");
        jdbc = JdbcClient.create(first.getBean(javax.sql.DataSource.class));
        jdbc.sql("INSERT INTO store (code, name, zone_id, created_at) VALUES ('PT-1', '并发测试门店', 'Asia/Shanghai', ?)"
                        + " ON CONFLICT DO NOTHING")
                .param(Timestamp.from(Instant.now()))
                .update();
        store = jdbc.sql("SELECT id FROM store WHERE code = 'PT-1'")
                .query(Long.class)
                .single();
        HttpResponse<String> auth = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base(first) + "/api/v1/auth/token"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        token = auth.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        sku = "PT-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> product = post(
                HttpClient.newHttpClient(),
                first,
                "/api/v1/products",
                "{\"sku\":\"" + sku + "\",\"name\":\"洗车\",\"categoryCode\":\"SERVICE\","
                        + "\"price\":{\"amount\":\"100.00\",\"currency\":\"CNY\"}}",
                null);
        assertThat(product.statusCode()).isEqualTo(201);
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

    private static HttpResponse<String> post(
            HttpClient http, ConfigurableApplicationContext instance, String path, String json, String key)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(instance) + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long newCustomer() throws Exception {
        HttpResponse<String> created = post(
                http,
                first,
                "/api/v1/customers",
                "{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"并发客户\"}",
                null);
        assertThat(created.statusCode()).isEqualTo(201);
        return Long.parseLong(created.body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1"));
    }

    private ConfigurableApplicationContext instance(int i) {
        return i % 2 == 0 ? first : second;
    }

    @Test
    void concurrentRedemptionsThroughBothInstancesNeverSpendMoreThanThereIs() throws Exception {
        long customer = newCustomer();
        assertThat(post(
                                http,
                                first,
                                "/api/v1/customers/" + customer + "/points/adjustments",
                                "{\"points\":1000,\"reason\":\"开户\"}",
                                null)
                        .statusCode())
                .isEqualTo(201);
        int attempts = 24;
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                start.await();
                return post(
                                http,
                                instance(n),
                                "/api/v1/customers/" + customer + "/points/redemptions",
                                "{\"points\":100}",
                                null)
                        .statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : results) {
            statuses.add(result.get());
        }
        pool.shutdown();
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(10);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(attempts - 10);
        assertLedgerConsistent(customer);
        assertThat(balance(customer)).isZero();
    }

    @Test
    void concurrentOrdersRefundsRedemptionsAndAdjustmentsLoseAndDoubleNothing() throws Exception {
        long customer = newCustomer();
        assertThat(post(
                                http,
                                first,
                                "/api/v1/customers/" + customer + "/points/adjustments",
                                "{\"points\":3000,\"reason\":\"开户\"}",
                                null)
                        .statusCode())
                .isEqualTo(201);
        ConcurrentLinkedQueue<Long> orders = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger redeemed = new AtomicInteger();
        AtomicInteger ordersPlaced = new AtomicInteger();
        AtomicInteger refundsMade = new AtomicInteger();
        AtomicInteger adjustments = new AtomicInteger(1);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        ExecutorService pool2 = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < 96; i++) {
            int n = i;
            work.add(pool.submit(() -> {
                start.await();
                ConfigurableApplicationContext target = instance(n);
                switch (n % 4) {
                    case 0 -> {
                        String key = UUID.randomUUID().toString();
                        String body =
                                "{\"customerId\":" + customer + ",\"storeId\":" + store + ",\"channel\":\"STORE\","
                                        + "\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":2}],\"pointsToRedeem\":"
                                        + (n % 8 == 0 ? 500 : 0) + "}";
                        // the same key on both instances at once: one order at most, both answers agree
                        var a = pool2.submit(() -> post(http, target, "/api/v1/orders", body, key));
                        var b = pool2.submit(() -> post(http, instance(n + 1), "/api/v1/orders", body, key));
                        List<HttpResponse<String>> answers = List.of(a.get(), b.get());
                        java.util.Set<Long> ids = new java.util.HashSet<>();
                        for (HttpResponse<String> answer : answers) {
                            if (answer.statusCode() == 201) {
                                ids.add(Long.parseLong(answer.body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1")));
                            } else if (answer.statusCode() != 409) {
                                unexpected.add("order " + answer.statusCode() + " " + answer.body());
                            }
                        }
                        if (ids.size() > 1) {
                            unexpected.add("one key, two orders: " + ids);
                        }
                        ordersPlaced.addAndGet(ids.size());
                        orders.addAll(ids);
                    }
                    case 1 -> {
                        HttpResponse<String> r = post(
                                http,
                                target,
                                "/api/v1/customers/" + customer + "/points/redemptions",
                                "{\"points\":150}",
                                null);
                        if (r.statusCode() == 201) {
                            redeemed.incrementAndGet();
                        } else if (r.statusCode() != 409) {
                            unexpected.add("redeem " + r.statusCode() + " " + r.body());
                        }
                    }
                    case 2 -> {
                        Long order = orders.poll();
                        if (order != null) {
                            HttpResponse<String> r = post(
                                    http,
                                    target,
                                    "/api/v1/orders/" + order + "/refunds",
                                    "{\"lines\":[{\"lineNo\":1,\"quantity\":1}]}",
                                    UUID.randomUUID().toString());
                            if (r.statusCode() == 201) {
                                refundsMade.incrementAndGet();
                                orders.add(order);
                            } else if (r.statusCode() != 400) {
                                unexpected.add("refund " + r.statusCode() + " " + r.body());
                            }
                        }
                    }
                    default -> {
                        HttpResponse<String> r = post(
                                http,
                                target,
                                "/api/v1/customers/" + customer + "/points/adjustments",
                                "{\"points\":" + (n % 3 == 0 ? -50 : 50) + ",\"reason\":\"并发调整\"}",
                                null);
                        if (r.statusCode() == 201) {
                            adjustments.incrementAndGet();
                        } else if (r.statusCode() != 409) {
                            unexpected.add("adjust " + r.statusCode() + " " + r.body());
                        }
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        pool2.shutdown();

        assertThat(unexpected)
                .as("every answer was a success or a clean refusal")
                .isEmpty();
        System.out.printf(
                "points concurrency: %d orders, %d redemptions, %d refunds, %d adjustments, balance %d%n",
                ordersPlaced.get(), redeemed.get(), refundsMade.get(), adjustments.get(), balance(customer));
        assertThat(ordersPlaced.get()).as("the workload placed orders").isPositive();
        assertThat(redeemed.get()).as("the workload redeemed").isPositive();
        assertThat(refundsMade.get()).as("the workload refunded").isPositive();
        assertThat(count("SELECT COUNT(*) FROM customer_order WHERE customer_id = ?", customer))
                .as("one order per successful request, none for the replays")
                .isEqualTo(ordersPlaced.get());
        assertThat(count("SELECT COUNT(*) FROM points_movement WHERE customer_id = ? AND type = 'EARN'", customer))
                .isEqualTo(ordersPlaced.get());
        assertThat(count(
                        "SELECT COUNT(*) FROM points_movement WHERE customer_id = ? AND reason = 'REDEMPTION'",
                        customer))
                .isEqualTo(redeemed.get());
        assertThat(count("SELECT COUNT(*) FROM points_movement WHERE customer_id = ? AND type = 'ADJUST'", customer))
                .isEqualTo(adjustments.get());
        assertThat(count(
                        "SELECT COUNT(*) FROM order_refund r JOIN customer_order o ON o.id = r.order_id"
                                + " WHERE o.customer_id = ?",
                        customer))
                .isEqualTo(refundsMade.get());
        assertThat(count("SELECT COUNT(*) FROM points_reversal WHERE customer_id = ?", customer))
                .isEqualTo(refundsMade.get());
        assertLedgerConsistent(customer);
    }

    private long count(String sql, long customer) {
        return jdbc.sql(sql).param(customer).query(Long.class).single();
    }

    private long balance(long customer) {
        return count("SELECT balance FROM points_account WHERE customer_id = ?", customer);
    }

    private void assertLedgerConsistent(long customer) {
        assertThat(balance(customer))
                .as("balance = sum of the ledger")
                .isEqualTo(
                        count("SELECT COALESCE(SUM(points), 0) FROM points_movement WHERE customer_id = ?", customer));
        assertThat(balance(customer)).isGreaterThanOrEqualTo(-10_000);
        assertThat(count(
                        "SELECT COUNT(*) FROM points_lot l WHERE l.customer_id = ? AND l.remaining <> l.earned"
                                + " - COALESCE((SELECT SUM(a.points) FROM points_allocation a WHERE a.lot_id = l.id), 0)",
                        customer))
                .as("every lot holds what it earned minus its allocations")
                .isZero();
        assertThat(count(
                        "SELECT COUNT(*) FROM points_movement m WHERE m.customer_id = ? AND m.type IN ('REDEEM', 'EXPIRE')"
                                + " AND -m.points <> (SELECT COALESCE(SUM(a.points), 0) FROM points_allocation a"
                                + " WHERE a.movement_id = m.id)",
                        customer))
                .as("every spent point came out of a lot: nothing over-redeemed")
                .isZero();
        assertThat(count(
                        "SELECT COUNT(*) FROM points_movement WHERE customer_id = ? AND type = 'ADJUST' AND points < 0"
                                + " AND -points <> (SELECT COALESCE(SUM(a.points), 0) FROM points_allocation a"
                                + " WHERE a.movement_id = points_movement.id)",
                        customer))
                .isZero();
    }
}
