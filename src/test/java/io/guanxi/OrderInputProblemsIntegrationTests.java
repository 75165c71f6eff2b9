package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Input that would not fit a column, a check or an int gets a 400 problem detail from the API, or the
 * page's error message, and writes nothing: never a 500 or a 409 for what is the caller's mistake.
 */
@IntegrationTest
@Tag("postgres")
class OrderInputProblemsIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    String admin;
    long store;
    String sku;

    @BeforeEach
    void setUp() throws Exception {
        admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        store = jdbc.sql("SELECT MIN(id) FROM store").query(Long.class).single();
        sku = Api.product(mvc, admin, "BAD", "洗车", "SERVICE", "50.00");
    }

    private ResultActions api(String path, String json) throws Exception {
        return mvc.perform(post(path)
                .header("Authorization", bearer(admin))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .content(json));
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private long order() throws Exception {
        long customer = Api.firstId(
                api("/api/v1/customers", "{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"输入检查\"}")
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        return Api.firstId(api(
                        "/api/v1/orders",
                        "{\"customerId\":" + customer + ",\"storeId\":" + store + ",\"channel\":\"STORE\","
                                + "\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":2}]}")
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    @Test
    void aLineAskedForTwiceWithHugeQuantitiesIsABadRequest() throws Exception {
        long order = order();
        api(
                        "/api/v1/orders/" + order + "/refunds",
                        "{\"lines\":[{\"lineNo\":1,\"quantity\":1},{\"lineNo\":1,\"quantity\":2147483647}]}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").exists());
        assertThat(count("SELECT COUNT(*) FROM order_refund WHERE order_id = ?", order))
                .isZero();
    }

    @Test
    void aRefundReasonTooLongOnThePageIsAMessageNotAnError() throws Exception {
        long order = order();
        mvc.perform(post("/orders/" + order + "/refunds")
                        .with(csrf())
                        .header("Authorization", bearer(admin))
                        .param("all", "true")
                        .param("reason", "太长".repeat(300))
                        .param("idempotencyKey", UUID.randomUUID().toString()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("error", "orders.invalid"));
        assertThat(count("SELECT COUNT(*) FROM order_refund WHERE order_id = ?", order))
                .isZero();
    }

    @Test
    void aProductPricedBelowZeroOrInAnotherCurrencyIsABadRequest() throws Exception {
        String other = "BAD-" + UUID.randomUUID().toString().substring(0, 8);
        api(
                        "/api/v1/products",
                        "{\"sku\":\"" + other + "\",\"name\":\"负价\",\"categoryCode\":\"SERVICE\","
                                + "\"price\":{\"amount\":\"-1.00\",\"currency\":\"CNY\"}}")
                .andExpect(status().isBadRequest());
        api(
                        "/api/v1/products",
                        "{\"sku\":\"" + other + "\",\"name\":\"美元\",\"categoryCode\":\"SERVICE\","
                                + "\"price\":{\"amount\":\"10.00\",\"currency\":\"USD\"}}")
                .andExpect(status().isBadRequest());
        assertThat(count("SELECT COUNT(*) FROM product WHERE sku = ?", other)).isZero();
    }

    @Test
    void aCouponTemplateThatWouldNotFitIsRefusedOnThePageAndByTheApi() throws Exception {
        String name = "坏券 " + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/loyalty/coupons")
                        .with(csrf())
                        .header("Authorization", bearer(admin))
                        .param("name", name)
                        .param("kind", "AMOUNT_OFF")
                        .param("amountOff", "10")
                        .param("validDays", "30")
                        .param("totalQuantity", "0"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("error", "coupons.invalid"));
        String skus = "\"" + "S".repeat(60) + "\"";
        api(
                        "/api/v1/loyalty/coupon-templates",
                        "{\"name\":\"" + name + "\",\"kind\":\"FREE_SERVICE\",\"validDays\":30,\"skus\":["
                                + String.join(",", java.util.Collections.nCopies(20, skus)) + "]}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(count("SELECT COUNT(*) FROM coupon_template WHERE name = ?", name))
                .isZero();
    }
}
