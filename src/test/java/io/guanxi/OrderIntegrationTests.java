package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Orders through the API: pricing, idempotent ingestion, points used and earned, refunds, aggregates. */
@IntegrationTest
@Tag("postgres")
class OrderIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    io.guanxi.customer.CustomerApi customers;

    String admin;
    long store;
    String sku;

    @BeforeEach
    void setUp() throws Exception {
        admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        store = jdbc.sql("SELECT MIN(id) FROM store").query(Long.class).single();
        sku = Api.product(mvc, admin, "SKU", "机油保养套餐", "SERVICE", "120.00");
    }

    private long newCustomer() throws Exception {
        String body = mvc.perform(post("/api/v1/customers")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"订单测试客户\"}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return Api.firstId(body);
    }

    private String order(long customer, int quantity, long points, String extra) {
        return "{\"customerId\":" + customer + ",\"storeId\":" + store + ",\"channel\":\"STORE\","
                + "\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}],"
                + "\"pointsToRedeem\":" + points + extra + "}";
    }

    private ResultActions place(String key, String json) throws Exception {
        return mvc.perform(post("/api/v1/orders")
                .header("Authorization", bearer(admin))
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json));
    }

    private long ledgerSum(long customer) {
        return jdbc.sql("SELECT COALESCE(SUM(points), 0) FROM points_movement WHERE customer_id = ?")
                .param(customer)
                .query(Long.class)
                .single();
    }

    private long balance(long customer) {
        return jdbc.sql("SELECT balance FROM points_account WHERE customer_id = ?")
                .param(customer)
                .query(Long.class)
                .single();
    }

    private void adjust(long customer, long points) throws Exception {
        mvc.perform(post("/api/v1/customers/" + customer + "/points/adjustments")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"points\":" + points + ",\"reason\":\"门店活动补录\"}"))
                .andExpect(status().isCreated());
    }

    @Test
    void purchaseFiguresReachTheCustomersRuleTags() throws Exception {
        long customer = newCustomer();
        String tagName = "两单以上近期 " + sku;
        String tag = mvc.perform(post("/api/v1/tags")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + tagName + "\",\"rule\":{\"all\":["
                                + "{\"field\":\"metric.orders.count\",\"op\":\"gte\",\"value\":\"2\"},"
                                + "{\"field\":\"since.orders.lastPurchase\",\"op\":\"lte\",\"value\":\"7\"}]}}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long tagId = Api.firstId(tag);
        java.util.function.Supplier<Long> tagged =
                () -> jdbc.sql("SELECT COUNT(*) FROM customer_tag WHERE tag_id = ? AND customer_id = ?")
                        .params(tagId, customer)
                        .query(Long.class)
                        .single();
        place(UUID.randomUUID().toString(), order(customer, 1, 0, "")).andExpect(status().isCreated());
        assertThat(tagged.get()).isZero();
        place(UUID.randomUUID().toString(), order(customer, 2, 0, "")).andExpect(status().isCreated());
        assertThat(tagged.get()).isEqualTo(1);
        mvc.perform(get("/api/v1/customers/" + customer + "/metrics").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$['orders.count']").value(2))
                .andExpect(jsonPath("$['orders.spend']").value(360));
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> mvc.perform(get("/api/v1/customers/" + customer + "/timeline")
                                .param("type", "ORDER")
                                .header("Authorization", bearer(admin)))
                        .andExpect(jsonPath("$.content.length()").value(2))
                        .andExpect(jsonPath("$.content[0].title").value("ORDER_PLACED")));
    }

    @Test
    void ordersShowOnTheTimelineFromTheOrdersPagedTogetherWithStoredEntriesAndFollowMerges() throws Exception {
        long customer = newCustomer();
        long other = newCustomer();
        java.time.Instant at = java.time.Instant.parse("2026-03-01T08:00:00Z");
        String placedAt = ",\"placedAt\":\"" + at + "\"";
        java.util.List<Long> orderIds = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            orderIds.add(Api.firstId(place(UUID.randomUUID().toString(), order(customer, 1, 0, placedAt))
                    .andExpect(status().isCreated())
                    .andReturn()
                    .getResponse()
                    .getContentAsString()));
        }
        long otherOrder = Api.firstId(place(UUID.randomUUID().toString(), order(other, 1, 0, placedAt))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString());
        // stored entries at the same instant and a minute later, of the order type and another
        customers.publishTimeline(java.util.List.of(
                        new io.guanxi.customer.TimelineEntryPublished(
                                customer, "ORDER", at, "门店补录", null, "sales", "t:" + UUID.randomUUID()),
                        new io.guanxi.customer.TimelineEntryPublished(
                                customer, "CALL", at, "回访", null, "sales", "t:" + UUID.randomUUID()),
                        new io.guanxi.customer.TimelineEntryPublished(
                                customer, "CALL", at.plusSeconds(60), "再访", null, "sales", "t:" + UUID.randomUUID()))
                .iterator());

        assertThat(timelineTitles(customer, "", 2))
                .filteredOn(title -> !title.equals("CUSTOMER_CREATED"))
                .as("newest first; at one instant stored entries, then orders newest first; every entry once")
                .containsExactly(
                        "再访",
                        "回访",
                        "门店补录",
                        "ORDER_PLACED #" + orderIds.get(2),
                        "ORDER_PLACED #" + orderIds.get(1),
                        "ORDER_PLACED #" + orderIds.get(0));
        assertThat(timelineTitles(customer, "ORDER", 1))
                .containsExactly(
                        "门店补录",
                        "ORDER_PLACED #" + orderIds.get(2),
                        "ORDER_PLACED #" + orderIds.get(1),
                        "ORDER_PLACED #" + orderIds.get(0));
        assertThat(timelineTitles(customer, "CALL", 5)).containsExactly("再访", "回访");
        mvc.perform(get("/api/v1/customers/" + customer + "/timeline")
                        .param("type", "ORDER")
                        .param("size", "1")
                        .header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.content[0].sourceRef").value(org.hamcrest.Matchers.startsWith("t:")));
        mvc.perform(get("/api/v1/customers/" + customer + "/timeline")
                        .param("before", at + "~order~" + orderIds.get(1))
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content.length()").value(1))
                .andExpect(jsonPath("$.content[0].sourceRef").value("order:" + orderIds.get(0)))
                .andExpect(jsonPath("$.content[0].detail").value("#" + orderIds.get(0) + " · 120.00 CNY · +120 pts"))
                .andExpect(jsonPath("$.content[0].actor").value("admin"));
        mvc.perform(get("/api/v1/customers/" + customer + "/timeline")
                        .param("before", at + "~nosuchsource~1")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isBadRequest());

        mvc.perform(post("/api/v1/customers/merges")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"survivorId\":" + customer + ",\"mergedId\":" + other + "}"))
                .andExpect(status().isCreated());
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(timelineTitles(customer, "ORDER", 10)).contains("ORDER_PLACED #" + otherOrder));
        mvc.perform(get("/api/v1/customers/" + customer + "/timeline")
                        .param("before", at + "~order~" + (otherOrder + 1))
                        .param("size", "1")
                        .header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.content[0].id").value(otherOrder))
                .andExpect(jsonPath("$.content[0].customerId").value(customer))
                .andExpect(jsonPath("$.content[0].originCustomerId").value(other));
    }

    /** Every entry of the customer's timeline (of one type, or all) read page by page, as title and order number. */
    private java.util.List<String> timelineTitles(long customer, String type, int size) throws Exception {
        java.util.List<String> titles = new java.util.ArrayList<>();
        String before = "";
        do {
            String body = mvc.perform(get("/api/v1/customers/" + customer + "/timeline")
                            .param("type", type)
                            .param("size", String.valueOf(size))
                            .param("before", before)
                            .header("Authorization", bearer(admin)))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            com.jayway.jsonpath.DocumentContext page = com.jayway.jsonpath.JsonPath.parse(body);
            java.util.List<java.util.Map<String, Object>> content = page.read("$.content");
            for (java.util.Map<String, Object> entry : content) {
                titles.add(
                        "ORDER_PLACED".equals(entry.get("title"))
                                ? "ORDER_PLACED "
                                        + String.valueOf(entry.get("detail")).split(" ")[0]
                                : String.valueOf(entry.get("title")));
            }
            Object next = page.<java.util.Map<String, Object>>read("$").get("next");
            before = next == null ? null : next.toString();
        } while (before != null);
        return titles;
    }

    @Test
    void anOrderEarnsPointsAndUpdatesThePurchaseAggregates() throws Exception {
        long customer = newCustomer();
        String body = place(UUID.randomUUID().toString(), order(customer, 2, 0, ""))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "false"))
                .andExpect(jsonPath("$.payable.amount").value("240.00"))
                .andExpect(jsonPath("$.payable.currency").value("CNY"))
                .andExpect(jsonPath("$.pointsEarned").value(240))
                .andExpect(jsonPath("$.businessDate").isNotEmpty())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long orderId = Api.firstId(body);
        mvc.perform(get("/api/v1/orders/" + orderId).header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.lines[0].category").value("SERVICE"))
                .andExpect(jsonPath("$.status").value("PLACED"));
        mvc.perform(get("/api/v1/customers/" + customer + "/points").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.balance").value(240))
                .andExpect(jsonPath("$.pending").value(240))
                .andExpect(jsonPath("$.available").value(0));
        place(UUID.randomUUID().toString(), order(customer, 1, 0, "")).andExpect(status().isCreated());
        mvc.perform(get("/api/v1/customers/" + customer + "/purchases").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orderCount").value(2))
                .andExpect(jsonPath("$.spend.amount").value("360.00"))
                .andExpect(jsonPath("$.averageOrderValue.amount").value("180.00"))
                .andExpect(jsonPath("$.visits").value(1))
                .andExpect(jsonPath("$.topCategories[0].category").value("SERVICE"))
                .andExpect(jsonPath("$.topCategories[0].quantity").value(3));
        mvc.perform(get("/api/v1/customers/" + customer + "/orders")
                        .param("sort", "placedAt,asc")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(2))
                .andExpect(jsonPath("$.content[0].id").value(orderId))
                .andExpect(jsonPath("$.content[0].pointsEarned").value(240));
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstOrderAndCreatesNothing() throws Exception {
        long customer = newCustomer();
        String key = UUID.randomUUID().toString();
        long first = Api.firstId(place(key, order(customer, 1, 0, ""))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString());
        long second = Api.firstId(place(key, order(customer, 1, 0, ""))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andReturn()
                .getResponse()
                .getContentAsString());
        assertThat(second).isEqualTo(first);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_order WHERE customer_id = ?")
                        .param(customer)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(ledgerSum(customer)).isEqualTo(120);

        place(key, order(customer, 5, 0, ""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("different request")));
        mvc.perform(post("/api/v1/orders")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(order(customer, 1, 0, "")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_order WHERE customer_id = ?")
                        .param(customer)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void requestsWithOneIdempotencyKeyAtOnceCreateOneOrder() throws Exception {
        long customer = newCustomer();
        String key = UUID.randomUUID().toString();
        String json = order(customer, 1, 0, "");
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.CompletableFuture<org.springframework.mock.web.MockHttpServletResponse>> calls =
                new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                    return place(key, json).andReturn().getResponse();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        start.countDown();
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (var call : calls) {
            org.springframework.mock.web.MockHttpServletResponse response = call.get();
            assertThat(response.getStatus())
                    .as("the first result, or the first still in progress")
                    .isIn(201, 409);
            if (response.getStatus() == 201) {
                ids.add(Api.firstId(response.getContentAsString()));
            }
        }
        assertThat(ids).as("every answer names the one order").hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_order WHERE customer_id = ?")
                        .param(customer)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(ledgerSum(customer)).isEqualTo(120);
    }

    @Test
    void pointsPayPartOfAnOrderAndOverRedemptionWritesNothing() throws Exception {
        long customer = newCustomer();
        adjust(customer, 5000);
        place(UUID.randomUUID().toString(), order(customer, 1, 7000, "")).andExpect(status().isBadRequest());
        place(UUID.randomUUID().toString(), order(customer, 2, 6000, "")).andExpect(status().isConflict());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_order WHERE customer_id = ?")
                        .param(customer)
                        .query(Long.class)
                        .single())
                .as("a refused order leaves nothing behind")
                .isZero();
        assertThat(balance(customer)).isEqualTo(5000);

        place(UUID.randomUUID().toString(), order(customer, 1, 4000, ""))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.pointsAmount.amount").value("40.00"))
                .andExpect(jsonPath("$.payable.amount").value("80.00"))
                .andExpect(jsonPath("$.pointsEarned").value(80));
        assertThat(balance(customer)).isEqualTo(5000 - 4000 + 80).isEqualTo(ledgerSum(customer));

        place(
                        UUID.randomUUID().toString(),
                        order(
                                customer,
                                1,
                                100,
                                ",\"payments\":[{\"method\":\"WECHAT\","
                                        + "\"amount\":{\"amount\":\"100.00\",\"currency\":\"CNY\"}}]"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("payments"));
    }

    @Test
    void partialThenFullRefundTakesBackEarnedPointsInProportionAndGivesBackSpentPoints() throws Exception {
        long customer = newCustomer();
        adjust(customer, 2000);
        long orderId = Api.firstId(place(UUID.randomUUID().toString(), order(customer, 4, 2000, ""))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.payable.amount").value("460.00"))
                .andExpect(jsonPath("$.pointsEarned").value(460))
                .andReturn()
                .getResponse()
                .getContentAsString());
        String refundKey = UUID.randomUUID().toString();
        mvc.perform(post("/api/v1/orders/" + orderId + "/refunds")
                        .header("Authorization", bearer(admin))
                        .header("Idempotency-Key", refundKey)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"lines\":[{\"lineNo\":1,\"quantity\":1}],\"reason\":\"退一件\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.amount.amount").value("115.00"))
                .andExpect(jsonPath("$.pointsReversed").value(115))
                .andExpect(jsonPath("$.pointsRestored").value(500));
        mvc.perform(post("/api/v1/orders/" + orderId + "/refunds")
                        .header("Authorization", bearer(admin))
                        .header("Idempotency-Key", refundKey)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"lines\":[{\"lineNo\":1,\"quantity\":1}],\"reason\":\"退一件\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"));
        mvc.perform(post("/api/v1/orders/" + orderId + "/refunds")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"lines\":[{\"lineNo\":1,\"quantity\":4}]}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/orders/" + orderId + "/refunds")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.amount.amount").value("345.00"))
                .andExpect(jsonPath("$.pointsReversed").value(345))
                .andExpect(jsonPath("$.pointsRestored").value(1500));
        mvc.perform(get("/api/v1/orders/" + orderId).header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.status").value("REFUNDED"))
                .andExpect(jsonPath("$.refunded.amount").value("460.00"))
                .andExpect(jsonPath("$.refunds.length()").value(2));
        assertThat(balance(customer)).isEqualTo(2000).isEqualTo(ledgerSum(customer));
        mvc.perform(get("/api/v1/customers/" + customer + "/purchases").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.spend.amount").value("0.00"))
                .andExpect(jsonPath("$.refunded.amount").value("460.00"))
                .andExpect(jsonPath("$.topCategories.length()").value(0));
        mvc.perform(post("/api/v1/orders/" + orderId + "/refunds")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void refundOfEarnedPointsAlreadySpentLeavesANegativeBalance() throws Exception {
        long customer = newCustomer();
        long orderId = Api.firstId(place(UUID.randomUUID().toString(), order(customer, 1, 0, ""))
                .andReturn()
                .getResponse()
                .getContentAsString());
        // the 120 earned points are pending; a manual deduction spends them
        mvc.perform(post("/api/v1/customers/" + customer + "/points/adjustments")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"points\":-100,\"reason\":\"更正\"}"))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/v1/orders/" + orderId + "/refunds")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.pointsReversed").value(120))
                .andExpect(jsonPath("$.amount.amount").value("120.00"));
        assertThat(balance(customer)).isEqualTo(-100).isEqualTo(ledgerSum(customer));
    }

    @Test
    void pointsApiShowsBalanceAndLedgerAndRefusesOverRedemption() throws Exception {
        long customer = newCustomer();
        adjust(customer, 300);
        mvc.perform(post("/api/v1/customers/" + customer + "/points/redemptions")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"points\":301}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("only 300")));
        mvc.perform(post("/api/v1/customers/" + customer + "/points/redemptions")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"points\":100,\"reference\":\"gift-1\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.balance.available").value(200));
        mvc.perform(post("/api/v1/customers/" + customer + "/points/redemptions")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"points\":100,\"reference\":\"gift-1\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.balance.available").value(200));
        mvc.perform(post("/api/v1/customers/" + customer + "/points/awards")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"SIGN_UP\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.movement.points").value(100));
        mvc.perform(post("/api/v1/customers/" + customer + "/points/awards")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"SIGN_UP\"}"))
                .andExpect(status().isCreated());
        mvc.perform(get("/api/v1/customers/" + customer + "/points/ledger")
                        .param("size", "2")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(3))
                .andExpect(jsonPath("$.content.length()").value(2))
                .andExpect(jsonPath("$.content[0].type").value("EARN"))
                .andExpect(jsonPath("$.content[0].reason").value("SIGN_UP"))
                .andExpect(jsonPath("$.content[1].type").value("REDEEM"));
        assertThat(balance(customer)).isEqualTo(300).isEqualTo(ledgerSum(customer));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'points.adjust' AND entity_id = ?")
                        .param(String.valueOf(customer))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        mvc.perform(get("/api/v1/customers/999999999/points").header("Authorization", bearer(admin)))
                .andExpect(status().isNotFound());
        String page = mvc.perform(get("/loyalty")
                        .param("customerId", String.valueOf(customer))
                        .header("Authorization", bearer(admin))
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("id=\"points-balance\">300<")
                .contains("Redeemed")
                .contains("SIGN_UP");
    }

    @Test
    void theLedgerRefusesChangesAndLotsAgreeWithTheirAllocations() throws Exception {
        long customer = newCustomer();
        adjust(customer, 500);
        mvc.perform(post("/api/v1/customers/" + customer + "/points/redemptions")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"points\":120}"))
                .andExpect(status().isCreated());
        assertThatThrownBy(() -> jdbc.sql("UPDATE points_movement SET points = 1 WHERE customer_id = ?")
                        .param(customer)
                        .update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM points_allocation WHERE movement_id IN"
                                + " (SELECT id FROM points_movement WHERE customer_id = ?)")
                        .param(customer)
                        .update())
                .hasMessageContaining("append-only");
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM points_lot l WHERE l.customer_id = ? AND l.remaining <> l.earned"
                                        + " - COALESCE((SELECT SUM(a.points) FROM points_allocation a WHERE a.lot_id = l.id), 0)")
                        .param(customer)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT remaining FROM points_lot WHERE customer_id = ?")
                        .param(customer)
                        .query(Long.class)
                        .single())
                .isEqualTo(380);
    }

    @Test
    void aCancelledOrderIsPaidBackWithItsPointsAndLeavesTheAggregates() throws Exception {
        long customer = newCustomer();
        adjust(customer, 1000);
        place(UUID.randomUUID().toString(), order(customer, 1, 0, "")).andExpect(status().isCreated());
        long cancelled = Api.firstId(place(UUID.randomUUID().toString(), order(customer, 2, 1000, ""))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.payable.amount").value("230.00"))
                .andReturn()
                .getResponse()
                .getContentAsString());
        mvc.perform(post("/api/v1/orders/" + cancelled + "/cancellation")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"顾客取消\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.amount.amount").value("230.00"))
                .andExpect(jsonPath("$.pointsReversed").value(230))
                .andExpect(jsonPath("$.pointsRestored").value(1000));
        mvc.perform(get("/api/v1/orders/" + cancelled).header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.status").value("CANCELLED"));
        mvc.perform(get("/api/v1/customers/" + customer + "/purchases").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.orderCount").value(1))
                .andExpect(jsonPath("$.spend.amount").value("120.00"))
                .andExpect(jsonPath("$.refunded.amount").value("0.00"))
                .andExpect(jsonPath("$.topCategories[0].quantity").value(1));
        assertThat(balance(customer)).isEqualTo(1000 + 120).isEqualTo(ledgerSum(customer));
        mvc.perform(post("/api/v1/orders/" + cancelled + "/cancellation")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/orders/" + cancelled + "/refunds")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest());
    }
}
