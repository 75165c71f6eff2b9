package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Orders, purchase aggregates and points follow a customer through a merge, and back on undo. */
@IntegrationTest
@Tag("postgres")
class OrderMergeIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    String admin;

    private String postJson(String path, String json, String key) throws Exception {
        var request = post(path)
                .header("Authorization", bearer(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return mvc.perform(request)
                .andExpect(status().is2xxSuccessful())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private long value(String sql, long customer) {
        return jdbc.sql(sql).param(customer).query(Long.class).single();
    }

    private long balance(long customer) {
        return value("SELECT COALESCE(SUM(points), 0) FROM points_movement WHERE customer_id = ?", customer);
    }

    private long orders(long customer) {
        return value("SELECT COUNT(*) FROM customer_order WHERE customer_id = ?", customer);
    }

    /**
     * Two customers (to survive and to be merged) with one order each of a new product at {@code
     * price}, placed through the API: answers the survivor's id, the merged customer's and the merged
     * customer's order.
     */
    private long[] twoCustomersWithAnOrderEach(String prefix, String price, String survivorName, String mergedName)
            throws Exception {
        admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        long store = jdbc.sql("SELECT MIN(id) FROM store").query(Long.class).single();
        String sku = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        postJson(
                "/api/v1/products",
                "{\"sku\":\"" + sku + "\",\"name\":\"保养\",\"categoryCode\":\"SERVICE\"," + "\"price\":{\"amount\":\""
                        + price + "\",\"currency\":\"CNY\"}}",
                null);
        long[] ids = new long[3];
        for (int i = 0; i < 2; i++) {
            ids[i] = Api.firstId(postJson(
                    "/api/v1/customers",
                    "{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\""
                            + (i == 0 ? survivorName : mergedName) + "\"}",
                    null));
        }
        String order = "{\"customerId\":%d,\"storeId\":" + store + ",\"channel\":\"STORE\",\"lines\":[{\"sku\":\"" + sku
                + "\",\"quantity\":1}]}";
        postJson(
                "/api/v1/orders",
                String.format(order, ids[0]),
                UUID.randomUUID().toString());
        ids[2] = Api.firstId(postJson(
                "/api/v1/orders",
                String.format(order, ids[1]),
                UUID.randomUUID().toString()));
        return ids;
    }

    @Test
    void ordersAndPointsMoveToTheSurvivorAndBackOnUndo() throws Exception {
        long[] pair = twoCustomersWithAnOrderEach("MRG", "120.00", "合并保留", "合并重复");
        long survivor = pair[0];
        long merged = pair[1];
        postJson("/api/v1/customers/" + merged + "/points/adjustments", "{\"points\":500,\"reason\":\"迁移\"}", null);

        long mergeId = Api.firstId(postJson(
                "/api/v1/customers/merges", "{\"survivorId\":" + survivor + ",\"mergedId\":" + merged + "}", null));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(orders(merged)).isZero();
            assertThat(balance(survivor)).isEqualTo(740);
        });
        assertThat(orders(survivor)).isEqualTo(2);
        assertThat(balance(merged)).isZero();
        assertThat(value("SELECT balance FROM points_account WHERE customer_id = ?", survivor))
                .isEqualTo(740);
        mvc.perform(get("/api/v1/customers/" + survivor + "/points").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.available").value(500))
                .andExpect(jsonPath("$.pending").value(240));
        mvc.perform(get("/api/v1/customers/" + survivor + "/purchases").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.orderCount").value(2))
                .andExpect(jsonPath("$.spend.amount").value("240.00"))
                .andExpect(jsonPath("$.visits").value(1))
                .andExpect(jsonPath("$.topCategories[0].spend.amount").value("240.00"));

        postJson("/api/v1/customers/merges/" + mergeId + "/undo", "{}", null);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(orders(merged)).isEqualTo(1);
            assertThat(balance(merged)).isEqualTo(620);
        });
        assertThat(balance(survivor)).isEqualTo(120);
        assertThat(value("SELECT order_count FROM customer_purchase_summary WHERE customer_id = ?", survivor))
                .isEqualTo(1);
        assertThat(value("SELECT order_count FROM customer_purchase_summary WHERE customer_id = ?", merged))
                .isEqualTo(1);
        for (long customer : new long[] {survivor, merged}) {
            assertThat(value("SELECT balance FROM points_account WHERE customer_id = ?", customer))
                    .isEqualTo(balance(customer));
        }
    }

    @Test
    void theSurvivorIsUpgradedWhenTheOrdersTogetherQualifyAndTheMergedOneQualifiesOnItsOwnAgainAfterUndo()
            throws Exception {
        long[] pair = twoCustomersWithAnOrderEach("TMR", "1200.00", "等级保留", "等级重复");
        long survivor = pair[0];
        long merged = pair[1];
        java.util.function.LongFunction<String> tier =
                customer -> jdbc.sql("SELECT tier FROM points_account WHERE customer_id = ?")
                        .param(customer)
                        .query(String.class)
                        .single();
        assertThat(tier.apply(survivor)).as("1,200 spent: below silver's 2,000").isEqualTo("STANDARD");

        long mergeId = Api.firstId(postJson(
                "/api/v1/customers/merges", "{\"survivorId\":" + survivor + ",\"mergedId\":" + merged + "}", null));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(tier.apply(survivor)).isEqualTo("SILVER"));
        mvc.perform(get("/api/v1/customers/" + survivor + "/tier").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.window.spend").value(2400.00))
                .andExpect(jsonPath("$.window.orders").value(2));

        postJson("/api/v1/customers/merges/" + mergeId + "/undo", "{}", null);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(orders(merged)).isEqualTo(1));
        mvc.perform(get("/api/v1/customers/" + survivor + "/tier").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.tier.code").value("SILVER")) // a downgrade waits for the evaluation date
                .andExpect(jsonPath("$.window.spend").value(1200.00))
                .andExpect(jsonPath("$.window.orders").value(1));
        mvc.perform(get("/api/v1/customers/" + merged + "/tier").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.window.spend").value(1200.00));
    }

    @Test
    void aNegativeBalanceMovesToTheSurvivorAndBackOnUndo() throws Exception {
        long[] pair = twoCustomersWithAnOrderEach("DBT", "120.00", "欠分保留", "欠分重复");
        long survivor = pair[0];
        long merged = pair[1];
        long orderId = pair[2];
        // The merged record spends its 120 points, then its order is refunded: 120 points of debt.
        postJson("/api/v1/customers/" + merged + "/points/adjustments", "{\"points\":-120,\"reason\":\"兑换\"}", null);
        postJson(
                "/api/v1/orders/" + orderId + "/refunds",
                "{\"lines\":[{\"lineNo\":1,\"quantity\":1}],\"reason\":\"退货\"}",
                UUID.randomUUID().toString());
        assertThat(balance(merged)).isEqualTo(-120);

        long mergeId = Api.firstId(postJson(
                "/api/v1/customers/merges", "{\"survivorId\":" + survivor + ",\"mergedId\":" + merged + "}", null));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(balance(merged)).isZero());
        assertThat(balance(survivor)).as("the survivor took the debt over").isZero();

        postJson("/api/v1/customers/merges/" + mergeId + "/undo", "{}", null);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(balance(merged)).isEqualTo(-120));
        assertThat(balance(survivor)).isEqualTo(120);
        for (long customer : new long[] {survivor, merged}) {
            assertThat(value("SELECT balance FROM points_account WHERE customer_id = ?", customer))
                    .isEqualTo(balance(customer));
        }
    }
}
