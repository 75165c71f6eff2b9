package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.loyalty.jobs.CouponExpiry;
import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Coupons end to end: templates and limits, orders that use a coupon (priced by the server, once,
 * even when two orders race for it), cancellation giving it back, the expiry job, the redemption
 * catalogue under concurrency, and the problem details the API answers with.
 */
@IntegrationTest
@Tag("postgres")
class CouponIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CouponExpiry expiry;

    @Autowired
    io.guanxi.loyalty.CouponApi couponApi;

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    String admin;
    long store;
    String sku;

    @BeforeEach
    void setUp() throws Exception {
        admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        store = jdbc.sql("SELECT MIN(id) FROM store").query(Long.class).single();
        sku = "CP-" + UUID.randomUUID().toString().substring(0, 8);
        call(
                        post("/api/v1/products"),
                        "{\"sku\":\"" + sku + "\",\"name\":\"精洗套餐\",\"categoryCode\":\"SERVICE\","
                                + "\"price\":{\"amount\":\"120.00\",\"currency\":\"CNY\"}}")
                .andExpect(status().isCreated());
    }

    private ResultActions call(
            org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String json)
            throws Exception {
        return mvc.perform(request.header("Authorization", bearer(admin))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .content(json));
    }

    private String body(ResultActions result) throws Exception {
        return result.andReturn().getResponse().getContentAsString();
    }

    private long newCustomer() throws Exception {
        return Api.firstId(body(call(
                        post("/api/v1/customers"),
                        "{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"券测试客户\"}")
                .andExpect(status().isCreated())));
    }

    private long template(String terms) throws Exception {
        return Api.firstId(
                body(call(post("/api/v1/loyalty/coupon-templates"), "{\"name\":\"测试券 " + sku + "\"," + terms + "}")
                        .andExpect(status().isCreated())));
    }

    private String issue(long template, long customer) throws Exception {
        String json = body(call(post("/api/v1/customers/" + customer + "/coupons"), "{\"templateId\":" + template + "}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("ISSUED")));
        return json.replaceAll("(?s).*\"code\":\"([^\"]+)\".*", "$1");
    }

    private String order(long customer, int quantity, String extra) {
        return "{\"customerId\":" + customer + ",\"storeId\":" + store + ",\"channel\":\"STORE\","
                + "\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}]" + extra + "}";
    }

    private String state(String code) {
        return jdbc.sql("SELECT state FROM coupon WHERE code = ?")
                .param(code)
                .query(String.class)
                .single();
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void anOrderUsesACouponOnceAtTheDiscountTheServerWorksOut() throws Exception {
        long customer = newCustomer();
        long template = template("\"kind\":\"THRESHOLD\",\"amountOff\":30,\"minSpend\":200,\"validDays\":30");
        String code = issue(template, customer);

        call(post("/api/v1/orders"), order(customer, 1, ",\"couponCode\":\"" + code + "\""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("200.00")));
        call(
                        post("/api/v1/orders"),
                        order(
                                customer,
                                2,
                                ",\"couponCode\":\"" + code + "\","
                                        + "\"couponAmount\":{\"amount\":\"100.00\",\"currency\":\"CNY\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("couponAmount")));
        assertThat(state(code)).isEqualTo("ISSUED");

        long orderId = Api.firstId(body(
                call(post("/api/v1/orders"), order(customer, 2, ",\"couponCode\":\"" + code.toLowerCase() + "\""))
                        .andExpect(status().isCreated())
                        .andExpect(jsonPath("$.couponAmount.amount").value("30.00"))
                        .andExpect(jsonPath("$.payable.amount").value("210.00"))
                        .andExpect(jsonPath("$.pointsEarned").value(210))));
        assertThat(state(code)).isEqualTo("REDEEMED");
        assertThat(jdbc.sql("SELECT redeemed_on FROM coupon WHERE code = ?")
                        .param(code)
                        .query(String.class)
                        .single())
                .isEqualTo("order:" + orderId);

        call(post("/api/v1/orders"), order(customer, 2, ",\"couponCode\":\"" + code + "\""))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("already used")));
        assertThat(count("SELECT COUNT(*) FROM customer_order WHERE customer_id = ?", customer))
                .isEqualTo(1);

        long other = newCustomer();
        call(post("/api/v1/orders"), order(other, 2, ",\"couponCode\":\"" + code + "\""))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/loyalty/coupons/" + code).header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.coupon.state").value("REDEEMED"))
                .andExpect(jsonPath("$.history[*].type").value(Matchers.contains("ISSUED", "REDEEMED")));
    }

    private HttpResponse<String> postHttp(String path, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", bearer(admin))
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<Integer> inParallel(int n, java.util.function.IntFunction<String[]> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] pathAndBody = request.apply(i);
            results.add(pool.submit(() -> {
                start.await();
                return postHttp(pathAndBody[0], pathAndBody[1]).statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> result : results) {
            statuses.add(result.get());
        }
        pool.shutdown();
        return statuses;
    }

    @Test
    void aCouponUsedByTwoOrdersAtOnceGoesToExactlyOne() throws Exception {
        long customer = newCustomer();
        long template = template("\"kind\":\"AMOUNT_OFF\",\"amountOff\":20,\"validDays\":30");
        for (int round = 0; round < 3; round++) {
            String code = issue(template, customer);
            List<Integer> statuses = inParallel(2, i ->
                    new String[] {"/api/v1/orders", order(customer, 1, ",\"couponCode\":\"" + code + "\"")});
            assertThat(statuses).containsExactlyInAnyOrder(201, 409);
            assertThat(count(
                            "SELECT COUNT(*) FROM coupon_event e JOIN coupon c ON c.id = e.coupon_id"
                                    + " WHERE c.code = ? AND e.type = 'REDEEMED'",
                            code))
                    .isEqualTo(1);
        }
        assertThat(count("SELECT COUNT(*) FROM customer_order WHERE customer_id = ?", customer))
                .isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM customer_order WHERE customer_id = ? AND coupon_amount = 20", customer))
                .isEqualTo(3);
    }

    @Test
    void cancellingAnOrderGivesItsCouponBackAndARefundDoesNot() throws Exception {
        long customer = newCustomer();
        long template = template("\"kind\":\"PERCENT_OFF\",\"percentOff\":10,\"maxDiscount\":50,\"validDays\":30");
        String code = issue(template, customer);
        long first =
                Api.firstId(body(call(post("/api/v1/orders"), order(customer, 3, ",\"couponCode\":\"" + code + "\""))
                        .andExpect(status().isCreated())
                        .andExpect(jsonPath("$.couponAmount.amount").value("36.00"))));
        call(post("/api/v1/orders/" + first + "/cancellation"), "{\"reason\":\"客户取消\"}")
                .andExpect(status().isCreated());
        assertThat(state(code)).isEqualTo("ISSUED");

        long second =
                Api.firstId(body(call(post("/api/v1/orders"), order(customer, 3, ",\"couponCode\":\"" + code + "\""))
                        .andExpect(status().isCreated())));
        call(post("/api/v1/orders/" + second + "/refunds"), "{\"lines\":[{\"lineNo\":1,\"quantity\":1}]}")
                .andExpect(status().isCreated());
        assertThat(state(code)).isEqualTo("REDEEMED");
        mvc.perform(get("/api/v1/loyalty/coupons/" + code).header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.history[*].type")
                        .value(Matchers.contains("ISSUED", "REDEEMED", "RETURNED", "REDEEMED")));
    }

    @Test
    void theExpiryJobExpiresDueCouponsOnceAndThoseCannotBeUsed() throws Exception {
        long customer = newCustomer();
        long template = template("\"kind\":\"AMOUNT_OFF\",\"amountOff\":10,\"validDays\":3");
        String due = issue(template, customer);
        String fresh = issue(template, customer);
        jdbc.sql("UPDATE coupon SET valid_until = ? WHERE code = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofMinutes(1))), due)
                .update();
        call(post("/api/v1/orders"), order(customer, 1, ",\"couponCode\":\"" + due + "\""))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("expired")));

        assertThat(expiry.run()).isGreaterThanOrEqualTo(1);
        assertThat(state(due)).isEqualTo("EXPIRED");
        assertThat(state(fresh)).isEqualTo("ISSUED");
        expiry.run();
        assertThat(count(
                        "SELECT COUNT(*) FROM coupon_event e JOIN coupon c ON c.id = e.coupon_id"
                                + " WHERE c.code = ? AND e.type = 'EXPIRED'",
                        due))
                .isEqualTo(1);
        call(post("/api/v1/orders"), order(customer, 1, ",\"couponCode\":\"" + due + "\""))
                .andExpect(status().isConflict());
    }

    @Test
    void perCustomerAndTotalLimitsHold() throws Exception {
        long a = newCustomer();
        long b = newCustomer();
        long c = newCustomer();
        long template = template(
                "\"kind\":\"AMOUNT_OFF\",\"amountOff\":5,\"validDays\":3,\"perCustomerLimit\":1,\"totalQuantity\":2");
        call(
                        post("/api/v1/loyalty/coupon-templates/" + template + "/issues"),
                        "{\"customerIds\":[" + a + "," + a + "," + b + "," + c + "]}")
                .andExpect(status().isConflict());
        assertThat(count("SELECT COUNT(*) FROM coupon WHERE template_id = ?", template))
                .isZero();
        call(
                        post("/api/v1/loyalty/coupon-templates/" + template + "/issues"),
                        "{\"customerIds\":[" + a + "," + a + "," + b + "],\"campaign\":\"双十一\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.issued").value(2))
                .andExpect(jsonPath("$.skipped").value(Matchers.contains((int) a)));
        call(post("/api/v1/customers/" + c + "/coupons"), "{\"templateId\":" + template + "}")
                .andExpect(status().isConflict());
        call(post("/api/v1/customers/" + a + "/coupons"), "{\"templateId\":" + template + "}")
                .andExpect(status().isConflict());
        assertThat(count("SELECT issued_count FROM coupon_template WHERE id = ?", template))
                .isEqualTo(2);
    }

    @Test
    void aLargeCampaignIsIssuedSetBasedWithinThePerCustomerLimit() throws Exception {
        long template = template("\"kind\":\"AMOUNT_OFF\",\"amountOff\":5,\"validDays\":3,\"perCustomerLimit\":1");
        List<Long> audience = new ArrayList<>(customersForCampaign());
        int distinct = audience.size();
        audience.addAll(audience.subList(0, 100));
        long started = System.nanoTime();
        List<io.guanxi.loyalty.CouponView> issued =
                couponApi.issueToCustomers(template, audience, "CAMPAIGN-" + sku, "test");
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "CAMPAIGN issued %d coupons (%d skipped) in %.2f s (%.0f coupons/s)%n",
                issued.size(), audience.size() - issued.size(), seconds, issued.size() / seconds);
        assertThat(issued).hasSize(distinct);
        assertThat(issued).extracting(io.guanxi.loyalty.CouponView::code).doesNotHaveDuplicates();
        assertThat(count(
                        "SELECT COUNT(*) FROM coupon_event e JOIN coupon c ON c.id = e.coupon_id"
                                + " WHERE c.template_id = ? AND e.type = 'ISSUED'",
                        template))
                .isEqualTo(distinct);
        assertThat(count("SELECT COUNT(DISTINCT customer_id) FROM coupon WHERE template_id = ?", template))
                .isEqualTo(distinct);
    }

    /** 20,000 customer ids: every demo customer and ids no customer has (coupons do not need a customer row). */
    private List<Long> customersForCampaign() {
        List<Long> ids = new ArrayList<>(jdbc.sql("SELECT id FROM customer ORDER BY id LIMIT 20000")
                .query(Long.class)
                .list());
        long next = 900_000_000L;
        while (ids.size() < 20_000) {
            ids.add(next++);
        }
        return ids;
    }

    @Test
    void theTotalQuantityHoldsUnderConcurrentIssues() throws Exception {
        long template = template("\"kind\":\"AMOUNT_OFF\",\"amountOff\":5,\"validDays\":3,\"totalQuantity\":4");
        List<Long> customers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            customers.add(newCustomer());
        }
        List<Integer> statuses =
                inParallel(10, i -> new String[] {
                    "/api/v1/customers/" + customers.get(i) + "/coupons", "{\"templateId\":" + template + "}"
                });
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(4);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(6);
        assertThat(count("SELECT COUNT(*) FROM coupon WHERE template_id = ?", template))
                .isEqualTo(4);
        assertThat(count("SELECT issued_count FROM coupon_template WHERE id = ?", template))
                .isEqualTo(4);
    }

    private long points(long customer) {
        return jdbc.sql("SELECT COALESCE(SUM(points), 0) FROM points_movement WHERE customer_id = ?")
                .param(customer)
                .query(Long.class)
                .single();
    }

    @Test
    void catalogueStockNeverGoesBelowZeroAndPointsMatchTheRedemptions() throws Exception {
        long customer = newCustomer();
        call(post("/api/v1/customers/" + customer + "/points/adjustments"), "{\"points\":1000,\"reason\":\"开户\"}")
                .andExpect(status().isCreated());
        long item = Api.firstId(body(call(
                        post("/api/v1/loyalty/catalogue"),
                        "{\"name\":\"洗车服务 " + sku + "\",\"kind\":\"SERVICE\",\"pointsPrice\":100,\"stock\":3}")
                .andExpect(status().isCreated())));
        List<Integer> statuses = inParallel(8, i ->
                new String[] {"/api/v1/customers/" + customer + "/points/redemptions", "{\"itemId\":" + item + "}"});
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(3);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(5);
        assertThat(count("SELECT stock FROM reward_item WHERE id = ?", item)).isZero();
        assertThat(count("SELECT COUNT(*) FROM reward_redemption WHERE item_id = ?", item))
                .isEqualTo(3);
        assertThat(points(customer)).isEqualTo(700);
        assertThat(count("SELECT balance FROM points_account WHERE customer_id = ?", customer))
                .isEqualTo(700);
    }

    @Test
    void aCouponItemIssuesItsCouponAndOverRedemptionWritesNothing() throws Exception {
        long customer = newCustomer();
        call(post("/api/v1/customers/" + customer + "/points/adjustments"), "{\"points\":250,\"reason\":\"开户\"}")
                .andExpect(status().isCreated());
        long template = template("\"kind\":\"AMOUNT_OFF\",\"amountOff\":15,\"validDays\":30");
        long item = Api.firstId(body(call(
                        post("/api/v1/loyalty/catalogue"),
                        "{\"name\":\"15元券 " + sku + "\",\"kind\":\"COUPON\",\"pointsPrice\":200,\"templateId\":"
                                + template + ",\"stock\":10,\"perCustomerLimit\":5}")
                .andExpect(status().isCreated())));
        call(post("/api/v1/customers/" + customer + "/points/redemptions"), "{\"itemId\":" + item + "}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.points").value(200))
                .andExpect(jsonPath("$.stockLeft").value(9))
                .andExpect(jsonPath("$.coupon.state").value("ISSUED"));
        call(post("/api/v1/customers/" + customer + "/points/redemptions"), "{\"itemId\":" + item + "}")
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(count("SELECT stock FROM reward_item WHERE id = ?", item)).isEqualTo(9);
        assertThat(count("SELECT COUNT(*) FROM coupon WHERE customer_id = ? AND template_id = ?", customer, template))
                .isEqualTo(1);
        assertThat(points(customer)).isEqualTo(50);
        call(post("/api/v1/customers/" + customer + "/points/redemptions"), "{\"points\":50}")
                .andExpect(status().isCreated());
        call(post("/api/v1/customers/" + customer + "/points/redemptions"), "{\"points\":5,\"itemId\":" + item + "}")
                .andExpect(status().isBadRequest());
    }

    @Test
    void anOrderAboveTheRuleAmountEarnsARepurchaseCoupon() throws Exception {
        long customer = newCustomer();
        long template = template("\"kind\":\"AMOUNT_OFF\",\"amountOff\":25,\"validDays\":14");
        long rule = Api.firstId(body(call(
                        post("/api/v1/loyalty/coupon-rules"),
                        "{\"trigger\":\"ORDER_ABOVE\",\"templateId\":" + template + ",\"minOrderAmount\":300}")
                .andExpect(status().isCreated())));
        try {
            call(post("/api/v1/orders"), order(customer, 2, "")).andExpect(status().isCreated());
            assertThat(count(
                            "SELECT COUNT(*) FROM coupon WHERE customer_id = ? AND template_id = ?",
                            customer,
                            template))
                    .isZero();
            long orderId = Api.firstId(
                    body(call(post("/api/v1/orders"), order(customer, 3, "")).andExpect(status().isCreated())));
            assertThat(jdbc.sql("SELECT source FROM coupon WHERE customer_id = ? AND template_id = ?")
                            .params(customer, template)
                            .query(String.class)
                            .list())
                    .containsExactly("rule:" + rule + ":" + customer + ":order:" + orderId);
        } finally {
            call(put("/api/v1/loyalty/coupon-rules/" + rule), "{\"active\":false}")
                    .andExpect(status().isOk());
        }
    }

    @Test
    void cancellingOrRefundingAnOrderBelowTheRuleVoidsTheUnusedRepurchaseCouponsItIssued() throws Exception {
        long customer = newCustomer();
        long template = template("\"kind\":\"AMOUNT_OFF\",\"amountOff\":25,\"validDays\":14");
        long rule = Api.firstId(body(call(
                        post("/api/v1/loyalty/coupon-rules"),
                        "{\"trigger\":\"ORDER_ABOVE\",\"templateId\":" + template + ",\"minOrderAmount\":300}")
                .andExpect(status().isCreated())));
        try {
            long cancelled = Api.firstId(
                    body(call(post("/api/v1/orders"), order(customer, 3, "")).andExpect(status().isCreated())));
            long refunded = Api.firstId(
                    body(call(post("/api/v1/orders"), order(customer, 3, "")).andExpect(status().isCreated())));
            long partly = Api.firstId(
                    body(call(post("/api/v1/orders"), order(customer, 4, "")).andExpect(status().isCreated())));
            long used = Api.firstId(
                    body(call(post("/api/v1/orders"), order(customer, 3, "")).andExpect(status().isCreated())));
            String fromCancelled = issuedBy(rule, customer, cancelled);
            String fromRefunded = issuedBy(rule, customer, refunded);
            String fromPartly = issuedBy(rule, customer, partly);
            String fromUsed = issuedBy(rule, customer, used);
            call(post("/api/v1/orders"), order(customer, 1, ",\"couponCode\":\"" + fromUsed + "\""))
                    .andExpect(status().isCreated());

            call(post("/api/v1/orders/" + cancelled + "/cancellation"), "{\"reason\":\"客户取消\"}")
                    .andExpect(status().isCreated());
            assertThat(state(fromCancelled)).isEqualTo("VOIDED");

            call(post("/api/v1/orders/" + refunded + "/refunds"), "{\"lines\":[]}")
                    .andExpect(status().isCreated());
            assertThat(state(fromRefunded)).isEqualTo("VOIDED");

            call(post("/api/v1/orders/" + partly + "/refunds"), "{\"lines\":[{\"lineNo\":1,\"quantity\":1}]}")
                    .andExpect(status().isCreated());
            assertThat(state(fromPartly))
                    .as("360 of 480 still reach the rule's 300")
                    .isEqualTo("ISSUED");
            call(post("/api/v1/orders/" + partly + "/refunds"), "{\"lines\":[{\"lineNo\":1,\"quantity\":1}]}")
                    .andExpect(status().isCreated());
            assertThat(state(fromPartly)).as("240 no longer do").isEqualTo("VOIDED");

            call(post("/api/v1/orders/" + used + "/refunds"), "{\"lines\":[]}").andExpect(status().isCreated());
            assertThat(state(fromUsed)).as("a coupon already used stays used").isEqualTo("REDEEMED");
            mvc.perform(get("/api/v1/loyalty/coupons/" + fromCancelled).header("Authorization", bearer(admin)))
                    .andExpect(jsonPath("$.history[*].type").value(Matchers.contains("ISSUED", "VOIDED")));
        } finally {
            call(put("/api/v1/loyalty/coupon-rules/" + rule), "{\"active\":false}")
                    .andExpect(status().isOk());
        }
    }

    private String issuedBy(long rule, long customer, long order) {
        return jdbc.sql("SELECT code FROM coupon WHERE source = ?")
                .param("rule:" + rule + ":" + customer + ":order:" + order)
                .query(String.class)
                .single();
    }

    @Test
    void birthdayAndSignUpRulesIssueOncePerOccasion() throws Exception {
        long template = template("\"kind\":\"GIFT\",\"benefit\":\"生日蛋糕\",\"validDays\":30");
        String birthday = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))
                .withDayOfMonth(1)
                .withYear(1990)
                .toString();
        long born = Api.firstId(body(call(
                        post("/api/v1/customers"),
                        "{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"寿星\",\"birthday\":\""
                                + birthday + "\"}")
                .andExpect(status().isCreated())));
        long bornToo = Api.firstId(body(call(
                        post("/api/v1/customers"),
                        "{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"寿星二\",\"birthday\":\""
                                + birthday + "\"}")
                .andExpect(status().isCreated())));
        long birthdayRule = Api.firstId(body(call(
                        post("/api/v1/loyalty/coupon-rules"),
                        "{\"trigger\":\"BIRTHDAY_MONTH\",\"templateId\":" + template + "}")
                .andExpect(status().isCreated())));
        try {
            assertThat(expiry.issueBirthdayCoupons()).isGreaterThanOrEqualTo(1);
            expiry.issueBirthdayCoupons();
            assertThat(jdbc.sql("SELECT source FROM coupon WHERE customer_id = ? AND template_id = ?")
                            .params(born, template)
                            .query(String.class)
                            .list())
                    .containsExactly("rule:" + birthdayRule + ":" + born + ":"
                            + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))
                                    .getYear());
            for (long customer : List.of(born, bornToo)) {
                assertThat(jdbc.sql("SELECT e.reference FROM coupon_event e JOIN coupon c ON c.id = e.coupon_id"
                                        + " WHERE c.customer_id = ? AND c.template_id = ? AND e.type = 'ISSUED'")
                                .params(customer, template)
                                .query(String.class)
                                .list())
                        .as("each coupon of a batch issued with its own reference")
                        .containsExactly("rule:" + birthdayRule + ":" + customer + ":"
                                + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))
                                        .getYear());
            }
        } finally {
            call(put("/api/v1/loyalty/coupon-rules/" + birthdayRule), "{\"active\":false}")
                    .andExpect(status().isOk());
        }
        long signUpRule = Api.firstId(body(
                call(post("/api/v1/loyalty/coupon-rules"), "{\"trigger\":\"SIGN_UP\",\"templateId\":" + template + "}")
                        .andExpect(status().isCreated())));
        try {
            long fresh = newCustomer();
            long deadline = System.currentTimeMillis() + 20_000;
            while (count("SELECT COUNT(*) FROM coupon WHERE customer_id = ? AND template_id = ?", fresh, template) == 0
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(count("SELECT COUNT(*) FROM coupon WHERE customer_id = ? AND template_id = ?", fresh, template))
                    .isEqualTo(1);
        } finally {
            call(put("/api/v1/loyalty/coupon-rules/" + signUpRule), "{\"active\":false}")
                    .andExpect(status().isOk());
        }
    }

    @Test
    void voidingNeedsAReasonAndOnlyAnUnusedCoupon() throws Exception {
        long customer = newCustomer();
        long template = template("\"kind\":\"GIFT\",\"benefit\":\"车载香薰\",\"validDays\":30");
        String code = issue(template, customer);
        call(post("/api/v1/loyalty/coupons/" + code + "/void"), "{}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        call(post("/api/v1/loyalty/coupons/" + code + "/void"), "{\"reason\":\"误发\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("VOIDED"));
        call(post("/api/v1/loyalty/coupons/" + code + "/void"), "{\"reason\":\"误发\"}")
                .andExpect(status().isConflict());
        mvc.perform(get("/api/v1/loyalty/coupons/NOSUCHCODE99").header("Authorization", bearer(admin)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        call(post("/api/v1/loyalty/coupon-templates"), "{\"name\":\"坏模板\",\"kind\":\"PERCENT_OFF\",\"percentOff\":10}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").exists());
    }

    @Test
    void theCustomerPageShowsTheCouponsPanel() throws Exception {
        long customer = newCustomer();
        long template = template("\"kind\":\"AMOUNT_OFF\",\"amountOff\":8,\"validDays\":30");
        String code = issue(template, customer);
        mvc.perform(get("/customers/" + customer).header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("/loyalty/customers/" + customer + "/coupons")));
        mvc.perform(get("/loyalty/customers/" + customer + "/coupons").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(code)))
                .andExpect(content().string(Matchers.containsString("customer-coupon-issue")));
        mvc.perform(get("/api/v1/customers/" + customer + "/timeline").header("Authorization", bearer(admin)))
                .andExpect(status().isOk());
    }
}
