package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.loyalty.domain.care.CareMoments;
import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Service packages: granted by orders, redeemed at visits (once, never below zero), revoked by refunds, reported. */
@IntegrationTest
@Tag("postgres")
class ServicePackageIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    CareMoments care;

    String admin;
    long store;
    String sku;

    @BeforeEach
    void setUp() throws Exception {
        admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        store = jdbc.sql("SELECT MIN(id) FROM store").query(Long.class).single();
        jdbc.sql("UPDATE store SET zone_id = 'Asia/Shanghai' WHERE id = ?")
                .param(store)
                .update();
        sku = "PKG-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/api/v1/products")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sku\":\"" + sku + "\",\"name\":\"三次保养\",\"categoryCode\":\"SERVICE\","
                                + "\"price\":{\"amount\":\"600.00\",\"currency\":\"CNY\"}}"))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/v1/loyalty/service-packages")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sku\":\"" + sku + "\",\"name\":\"三次保养 " + sku + "\",\"kind\":\"MAINTENANCE\","
                                + "\"uses\":3,\"validityMonths\":12,\"reminderDays\":90}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.uses").value(3));
    }

    private long newCustomer(boolean consent) throws Exception {
        String email = "pkg-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        long id = Api.firstId(mvc.perform(post("/api/v1/customers")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"服务包客户\","
                                + "\"email\":\"" + email + "\",\"storeId\":" + store + "}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString());
        if (consent) {
            Api.consentToEmail(mvc, admin, id);
        }
        return id;
    }

    private long order(long customer, int quantity, Instant placedAt) throws Exception {
        String body = mvc.perform(post("/api/v1/orders")
                        .header("Authorization", bearer(admin))
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"customerId\":" + customer + ",\"storeId\":" + store + ",\"channel\":\"STORE\","
                                + (placedAt == null ? "" : "\"placedAt\":\"" + placedAt + "\",")
                                + "\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}]}"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(json.readTree(body).has("id")).as(body).isTrue();
        return json.readTree(body).get("id").asLong();
    }

    private List<Long> entitlements(long customer) {
        return jdbc.sql("SELECT e.id FROM entitlement e JOIN service_package p ON p.id = e.package_id"
                        + " WHERE e.customer_id = ? AND p.sku = ? ORDER BY e.id")
                .params(customer, sku)
                .query(Long.class)
                .list();
    }

    private ResultActions redeem(long customer, long entitlement, String visit) throws Exception {
        return mvc.perform(post("/api/v1/customers/" + customer + "/entitlements/" + entitlement + "/redemptions")
                .header("Authorization", bearer(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"visitRef\":\"" + visit + "\",\"note\":\"到店保养\"}"));
    }

    private int remaining(long entitlement) {
        return jdbc.sql("SELECT uses_remaining FROM entitlement WHERE id = ?")
                .param(entitlement)
                .query(Integer.class)
                .single();
    }

    @Test
    void anOrderGrantsOneEntitlementPerUnitOnce() throws Exception {
        long customer = newCustomer(false);
        order(customer, 2, null);
        mvc.perform(get("/api/v1/customers/" + customer + "/entitlements").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].usesRemaining").value(3))
                .andExpect(jsonPath("$[0].status").value("ACTIVE"))
                .andExpect(jsonPath("$[0].kind").value("MAINTENANCE"));
        long first = entitlements(customer).get(0);
        mvc.perform(get("/api/v1/customers/" + customer + "/entitlements/" + first + "/usages")
                        .header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$[0].kind").value("GRANT"))
                .andExpect(jsonPath("$[0].uses").value(3));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM customer_timeline_entry WHERE customer_id = ?"
                                        + " AND title = 'ENTITLEMENT_GRANTED'")
                                .param(customer)
                                .query(Long.class)
                                .single()
                        == 2);
    }

    @Test
    void aVisitRedeemsOneUseOnceAndSchedulesTheServiceReminder() throws Exception {
        long customer = newCustomer(true);
        order(customer, 1, null);
        long entitlement = entitlements(customer).get(0);
        redeem(customer, entitlement, "visit-1")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.entitlement.usesRemaining").value(2))
                .andExpect(jsonPath("$.use.kind").value("REDEEM"));
        redeem(customer, entitlement, "visit-1")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.entitlement.usesRemaining").value(2));
        assertThat(remaining(entitlement)).isEqualTo(2);
        LocalDate next = jdbc.sql("SELECT next_reminder_on FROM entitlement WHERE id = ?")
                .param(entitlement)
                .query(LocalDate.class)
                .single();
        assertThat(next).isEqualTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(90));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM customer_timeline_entry WHERE customer_id = ?"
                                        + " AND title = 'ENTITLEMENT_REDEEMED'")
                                .param(customer)
                                .query(Long.class)
                                .single()
                        == 1);

        // 90 days later, at 10:00 in Shanghai, the reminder goes out once.
        Instant due = next.atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
        care.run(due.minus(Duration.ofDays(1)));
        care.run(due);
        care.run(due.plus(Duration.ofHours(1)));
        List<Map<String, Object>> sent = jdbc.sql(
                        "SELECT status, subject, due_on FROM care_message WHERE customer_id = ? AND moment = 'SERVICE_REMINDER'")
                .param(customer)
                .query()
                .listOfRows();
        assertThat(sent).singleElement().satisfies(row -> {
            assertThat(row.get("status")).isEqualTo("SENT");
            assertThat((String) row.get("subject")).contains(sku);
            assertThat(row.get("due_on").toString()).isEqualTo(next.toString());
        });
    }

    @Test
    void concurrentVisitsNeverTakeMoreUsesThanThereAre() throws Exception {
        long customer = newCustomer(false);
        order(customer, 1, null);
        long entitlement = entitlements(customer).get(0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> visits = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String visit = "parallel-" + i;
                visits.add(() -> redeem(customer, entitlement, visit)
                        .andReturn()
                        .getResponse()
                        .getStatus());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(visits)) {
                statuses.add(f.get());
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(3);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(7);
        } finally {
            pool.shutdown();
        }
        assertThat(remaining(entitlement)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM entitlement_usage WHERE entitlement_id = ? AND kind = 'REDEEM'")
                        .param(entitlement)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
        mvc.perform(get("/api/v1/customers/" + customer + "/entitlements").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$[0].status").value("USED_UP"));
    }

    @Test
    void anExpiredEntitlementIsRefusedWithAProblemDetail() throws Exception {
        long customer = newCustomer(false);
        order(customer, 1, null);
        long entitlement = entitlements(customer).get(0);
        jdbc.sql("UPDATE entitlement SET expires_at = ? WHERE id = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofMinutes(1))), entitlement)
                .update();
        redeem(customer, entitlement, "late-visit")
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("expired")));
        assertThat(remaining(entitlement)).isEqualTo(3);
        redeem(customer, entitlement + 1_000_000, "nowhere").andExpect(status().isNotFound());
    }

    @Test
    void aRefundRevokesTheUnusedEntitlementsFirst() throws Exception {
        long customer = newCustomer(false);
        long orderId = order(customer, 2, null);
        List<Long> granted = entitlements(customer);
        long used = granted.get(0);
        long unused = granted.get(1);
        redeem(customer, used, "visit-a").andExpect(status().isCreated());

        mvc.perform(post("/api/v1/orders/" + orderId + "/refunds")
                        .header("Authorization", bearer(admin))
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"lines\":[{\"lineNo\":1,\"quantity\":1}],\"reason\":\"不需要了\"}"))
                .andExpect(status().isCreated());
        assertThat(entitlementStatus(unused)).isEqualTo("REVOKED");
        assertThat(remaining(unused)).isZero();
        assertThat(entitlementStatus(used)).isEqualTo("ACTIVE");
        redeem(customer, unused, "visit-b").andExpect(status().isConflict());

        mvc.perform(post("/api/v1/orders/" + orderId + "/refunds")
                        .header("Authorization", bearer(admin))
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"全部退\"}"))
                .andExpect(status().isCreated());
        assertThat(entitlementStatus(used)).isEqualTo("REVOKED");
        assertThat(jdbc.sql("SELECT uses FROM entitlement_usage WHERE entitlement_id = ? AND kind = 'REVOKE'")
                        .param(used)
                        .query(Integer.class)
                        .single())
                .isEqualTo(-2);
    }

    private String entitlementStatus(long entitlement) {
        return jdbc.sql("SELECT status FROM entitlement WHERE id = ?")
                .param(entitlement)
                .query(String.class)
                .single();
    }

    @Test
    void reportsUsageAndRenewalOnAKnownDataset() throws Exception {
        Instant now = Instant.now();
        // c1 buys, later buys again, then uses up the first: 1 ended and renewed.
        long c1 = newCustomer(false);
        order(c1, 1, now.minus(Duration.ofDays(20)));
        order(c1, 1, now.minus(Duration.ofDays(10)));
        long c1First = entitlements(c1).get(0);
        for (String visit : List.of("a", "b", "c")) {
            redeem(c1, c1First, visit).andExpect(status().isCreated());
        }
        // c2 bought long ago; it expired 200 days ago unused and was not bought again: ended, not renewed.
        long c2 = newCustomer(false);
        order(c2, 1, null);
        jdbc.sql("UPDATE entitlement SET granted_at = ?, expires_at = ? WHERE customer_id = ?")
                .params(
                        Timestamp.from(now.minus(Duration.ofDays(565))),
                        Timestamp.from(now.minus(Duration.ofDays(200))),
                        c2)
                .update();
        // c3 uses one of three, and a second purchase is refunded (it counts nowhere).
        long c3 = newCustomer(false);
        order(c3, 1, null);
        redeem(c3, entitlements(c3).get(0), "x").andExpect(status().isCreated());
        long refunded = order(c3, 1, null);
        mvc.perform(post("/api/v1/orders/" + refunded + "/cancellation")
                        .header("Authorization", bearer(admin))
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"下错单\"}"))
                .andExpect(status().isCreated());

        String body = mvc.perform(get("/api/v1/loyalty/service-packages/report").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        JsonNode row = null;
        for (JsonNode p : json.readTree(body).get("packages")) {
            if (p.get("sku").asString().equals(sku)) {
                row = p;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.get("sold").asLong()).isEqualTo(4);
        assertThat(row.get("customers").asLong()).isEqualTo(3);
        assertThat(row.get("usesGranted").asLong()).isEqualTo(12);
        assertThat(row.get("usesConsumed").asLong()).isEqualTo(4);
        assertThat(row.get("usageRate").decimalValue()).isEqualByComparingTo("0.3333");
        assertThat(row.get("ended").asLong()).isEqualTo(2);
        assertThat(row.get("renewed").asLong()).isEqualTo(1);
        assertThat(row.get("renewalRate").decimalValue()).isEqualByComparingTo("0.5");

        mvc.perform(get("/loyalty/service-packages").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(sku)));
    }

    @Test
    void theCustomerPageLoadsThePanelAndRedeemsFromIt() throws Exception {
        long customer = newCustomer(false);
        order(customer, 1, null);
        long entitlement = entitlements(customer).get(0);
        mvc.perform(get("/customers/" + customer).header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("/customers/" + customer + "/loyalty-panel")));
        mvc.perform(get("/customers/" + customer + "/loyalty-panel").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("三次保养 " + sku)))
                .andExpect(content().string(Matchers.containsString("3 / 3")));
        mvc.perform(
                        post("/customers/" + customer + "/entitlements/" + entitlement + "/redemptions")
                                .header("Authorization", bearer(admin))
                                .header("HX-Request", "true")
                                .param("reference", "panel-visit")
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("2 / 3")));
        assertThat(remaining(entitlement)).isEqualTo(2);
    }

    @Test
    void entitlementsFollowTheCustomerThroughAMergeAndItsUndo() throws Exception {
        long survivor = newCustomer(false);
        long duplicate = newCustomer(false);
        order(duplicate, 1, null);
        long entitlement = entitlements(duplicate).get(0);
        String merge = mvc.perform(post("/api/v1/customers/merges")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"survivorId\":" + survivor + ",\"mergedId\":" + duplicate + "}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long mergeId = Api.firstId(merge);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> entitlements(survivor).contains(entitlement));
        redeem(survivor, entitlement, "after-merge").andExpect(status().isCreated());
        mvc.perform(post("/api/v1/customers/merges/" + mergeId + "/undo").header("Authorization", bearer(admin)))
                .andExpect(status().isOk());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> entitlements(duplicate).contains(entitlement));
        assertThat(remaining(entitlement)).isEqualTo(2);
    }
}
