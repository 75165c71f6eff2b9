package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import java.math.BigDecimal;
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

/**
 * A coupon for some products is taken off those lines only, through the API and the database: a
 * refund of the line a free-service coupon paid for pays nothing back, a refund of the other line
 * pays what it cost, and the points and category spend follow what each line paid.
 */
@IntegrationTest
@Tag("postgres")
class CouponOnLinesIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    String admin;
    long store;
    String wash;
    String oil;

    @BeforeEach
    void setUp() throws Exception {
        admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        store = jdbc.sql("SELECT MIN(id) FROM store").query(Long.class).single();
        wash = Api.product(mvc, admin, "WASH", "精洗", "CARWASH", "100.00");
        oil = Api.product(mvc, admin, "OIL", "机油", "PARTS", "900.00");
    }

    private ResultActions call(String path, String json) throws Exception {
        return mvc.perform(post(path)
                .header("Authorization", bearer(admin))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON)
                .content(json));
    }

    private static String body(ResultActions result) throws Exception {
        return result.andReturn().getResponse().getContentAsString();
    }

    private BigDecimal money(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(BigDecimal.class).single();
    }

    @Test
    void aRefundOfTheLineAFreeServiceCouponPaidForPaysNothingBack() throws Exception {
        long customer = Api.firstId(body(
                call("/api/v1/customers", "{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"免费洗车\"}")
                        .andExpect(status().isCreated())));
        long template = Api.firstId(body(call(
                        "/api/v1/loyalty/coupon-templates",
                        "{\"name\":\"免费洗车 " + wash + "\",\"kind\":\"FREE_SERVICE\",\"skus\":[\"" + wash
                                + "\"],\"validDays\":30}")
                .andExpect(status().isCreated())));
        String code = body(call("/api/v1/customers/" + customer + "/coupons", "{\"templateId\":" + template + "}")
                        .andExpect(status().isCreated()))
                .replaceAll("(?s).*\"code\":\"([^\"]+)\".*", "$1");
        long order = Api.firstId(body(call(
                        "/api/v1/orders",
                        "{\"customerId\":" + customer + ",\"storeId\":" + store + ",\"channel\":\"STORE\","
                                + "\"lines\":[{\"sku\":\"" + wash + "\",\"quantity\":1},{\"sku\":\"" + oil
                                + "\",\"quantity\":1}],\"couponCode\":\"" + code + "\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.couponAmount.amount").value("100.00"))));
        assertThat(jdbc.sql("SELECT coupon_share FROM order_line WHERE order_id = ? ORDER BY line_no")
                        .param(order)
                        .query(BigDecimal.class)
                        .list())
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("100"), BigDecimal.ZERO);
        long points = jdbc.sql("SELECT points FROM points_movement WHERE source = ? AND type = 'EARN'")
                .param("order:" + order)
                .query(Long.class)
                .single();

        call("/api/v1/orders/" + order + "/refunds", "{\"lines\":[{\"lineNo\":1,\"quantity\":1}]}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.amount.amount").value("0.00"));
        assertThat(money("SELECT refunded_amount FROM customer_order WHERE id = ?", order))
                .isEqualByComparingTo("0.00");
        assertThat(jdbc.sql("SELECT COALESCE(SUM(points), 0) FROM points_movement WHERE customer_id = ?")
                        .param(customer)
                        .query(Long.class)
                        .single())
                .as("the free wash earned no points, so its refund takes none back")
                .isEqualTo(points);

        call("/api/v1/orders/" + order + "/refunds", "{\"lines\":[{\"lineNo\":2,\"quantity\":1}]}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.amount.amount").value("900.00"));
        assertThat(money("SELECT refunded_amount FROM customer_order WHERE id = ?", order))
                .isEqualByComparingTo("900.00");
        assertThat(List.of(money("SELECT spend FROM customer_purchase_summary WHERE customer_id = ?", customer)))
                .singleElement()
                .satisfies(spend -> assertThat(spend).isEqualByComparingTo("0.00"));
    }
}
