package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The store staff's pages: a sale at the point of sale (customer search, tier shown, price worked
 * out, points redeemed, paid), the order page, partial and full refunds, the order list, the
 * membership panel and the tier configuration page.
 */
@IntegrationTest
class OrderPagesIntegrationTests {

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
        sku = Api.product(mvc, admin, "POS", "四轮定位", "SERVICE", "1500.00");
    }

    private long newCustomer(String name) throws Exception {
        return Api.firstId(mvc.perform(post("/api/v1/customers")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"" + name + "\"}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    private String page(String path) throws Exception {
        return mvc.perform(get(path).header("Authorization", bearer(admin)).header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private MvcResult sale(long customer, String action, int quantity, long points, String key) throws Exception {
        return mvc.perform(post("/orders/new")
                        .with(csrf())
                        .header("Authorization", bearer(admin))
                        .header("Accept-Language", "en")
                        .param("customerId", String.valueOf(customer))
                        .param("storeId", String.valueOf(store))
                        .param("idempotencyKey", key)
                        .param("lines[0].sku", sku)
                        .param("lines[0].quantity", String.valueOf(quantity))
                        .param("lines[1].sku", "")
                        .param("pointsToRedeem", String.valueOf(points))
                        .param("couponCode", "")
                        .param("paymentMethod", "ALIPAY")
                        .param("action", action))
                .andReturn();
    }

    @Test
    void sellsWithPointsThenRefundsPartlyAndFully() throws Exception {
        String name = "收银台客户" + UUID.randomUUID().toString().substring(0, 6);
        long customer = newCustomer(name);
        mvc.perform(post("/api/v1/customers/" + customer + "/points/adjustments")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"points\":5000,\"reason\":\"开业赠送\"}"))
                .andExpect(status().isCreated());

        assertThat(page("/orders/new?q=" + name)).contains("/orders/new?customerId=" + customer);
        String form = page("/orders/new?customerId=" + customer);
        assertThat(form).contains("pos-form").contains("Standard").contains("5000");

        MvcResult preview = sale(customer, "preview", 2, 2000, "k-" + UUID.randomUUID());
        assertThat(preview.getResponse().getStatus()).isEqualTo(200);
        assertThat(preview.getResponse().getContentAsString())
                .contains("pos-quote")
                .contains("3000.00")
                .contains("2980.00");

        String key = "k-" + UUID.randomUUID();
        MvcResult placed = sale(customer, "place", 2, 2000, key);
        assertThat(placed.getResponse().getStatus()).isEqualTo(302);
        String location = placed.getResponse().getRedirectedUrl();
        assertThat(location).matches("/orders/\\d+");
        long order = Long.parseLong(location.substring("/orders/".length()));
        assertThat(sale(customer, "place", 2, 2000, key).getResponse().getRedirectedUrl())
                .as("a second submit of the same form places nothing new")
                .isEqualTo(location);
        assertThat(jdbc.sql("SELECT points_used FROM customer_order WHERE id = ?")
                        .param(order)
                        .query(Long.class)
                        .single())
                .isEqualTo(2000);
        assertThat(jdbc.sql("SELECT amount FROM order_payment WHERE order_id = ? AND method = 'ALIPAY'")
                        .param(order)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("2980.00");

        String shown = page(location);
        assertThat(shown).contains("order-tier-discount").contains("2980.00").contains("Alipay");

        assertThat(page("/loyalty/customers/" + customer + "/membership"))
                .contains("customer-membership")
                .contains("Silver")
                .contains("Upgrade");
        assertThat(page("/orders")).contains("/orders/" + order);

        mvc.perform(post(location + "/refunds")
                        .with(csrf())
                        .header("Authorization", bearer(admin))
                        .param("qty1", "1")
                        .param("reason", "客户取消一项"))
                .andExpect(status().is3xxRedirection());
        assertThat(orderStatus(order)).isEqualTo("PARTIALLY_REFUNDED");
        mvc.perform(post(location + "/refunds")
                        .with(csrf())
                        .header("Authorization", bearer(admin))
                        .param("all", "true"))
                .andExpect(status().is3xxRedirection());
        assertThat(orderStatus(order)).isEqualTo("REFUNDED");
        assertThat(page(location)).contains("Refunded");
    }

    private String orderStatus(long order) {
        return jdbc.sql("SELECT status FROM customer_order WHERE id = ?")
                .param(order)
                .query(String.class)
                .single();
    }

    @Test
    void theCounterShowsTheServicesTheCustomersTierIsOwed() throws Exception {
        long customer = newCustomer("钻石会员" + UUID.randomUUID().toString().substring(0, 6));
        assertThat(page("/orders/new?customerId=" + customer)).doesNotContain("pos-tier-services");
        jdbc.sql("INSERT INTO points_account (customer_id, tier, balance, created_at) VALUES (?, 'DIAMOND', 0, ?)")
                .params(customer, java.sql.Timestamp.from(java.time.Instant.now()))
                .update();
        String form = page("/orders/new?customerId=" + customer);
        assertThat(form)
                .contains("pos-tier-services")
                .contains("免费洗车不限次")
                .contains("priority service")
                .contains("dedicated advisor");
    }

    @Test
    void aSaleWithoutProductsShowsWhatIsWrongAndKeepsTheForm() throws Exception {
        long customer = newCustomer("空单客户");
        MvcResult result = mvc.perform(post("/orders/new")
                        .with(csrf())
                        .header("Authorization", bearer(admin))
                        .param("customerId", String.valueOf(customer))
                        .param("storeId", String.valueOf(store))
                        .param("lines[0].sku", "NO-SUCH-SKU")
                        .param("lines[0].quantity", "1")
                        .param("action", "place"))
                .andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(result.getResponse().getContentAsString())
                .contains("flash error")
                .contains("NO-SUCH-SKU")
                .contains("pos-form");
    }

    @Test
    void aSaleWithNoProductRowsPlacesNothing() throws Exception {
        long customer = newCustomer("无商品客户");
        MvcResult result = mvc.perform(post("/orders/new")
                        .with(csrf())
                        .header("Authorization", bearer(admin))
                        .param("customerId", String.valueOf(customer))
                        .param("storeId", String.valueOf(store))
                        .param("lines[0].sku", "")
                        .param("action", "place"))
                .andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(result.getResponse().getContentAsString()).contains("add at least one product");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_order WHERE customer_id = ?")
                        .param(customer)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theMembershipPanelShowsACustomerWithoutAnyPointsYet() throws Exception {
        long customer = newCustomer("新会员");
        assertThat(page("/loyalty/customers/" + customer + "/membership"))
                .contains("customer-membership")
                .contains("Standard")
                .contains("No tier changes yet.");
    }

    @Test
    void theTierPageShowsTheProgrammeAndRefusesTooFewTiers() throws Exception {
        assertThat(page("/loyalty/tiers"))
                .contains("tier-form")
                .contains("DIAMOND")
                .contains("1000:50, 3000:200");
        MvcResult result = mvc.perform(post("/loyalty/tiers")
                        .with(csrf())
                        .header("Authorization", bearer(admin))
                        .param("windowMonths", "12")
                        .param("graceDays", "30")
                        .param("rows[0].code", "STANDARD")
                        .param("rows[0].nameZh", "普通")
                        .param("rows[0].nameEn", "Standard")
                        .param("rows[1].code", "GOLD")
                        .param("rows[1].nameZh", "金卡")
                        .param("rows[1].nameEn", "Gold")
                        .param("rows[1].minSpend", "100"))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        assertThat(result.getFlashMap().get("error")).isEqualTo("tiers.invalid");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM loyalty_tier")
                        .query(Long.class)
                        .single())
                .isEqualTo(4);
    }
}
