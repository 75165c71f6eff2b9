package io.guanxi.loyalty.domain;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.customer.CustomerApi;
import io.guanxi.identity.AuditTrail;
import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The qualification window counts a purchase by its store's business date, which east of the
 * business zone (Asia/Shanghai here) is already the next day in the evening: such a purchase counts
 * at once, not only from the next day.
 */
@IntegrationTest
@Tag("postgres")
class MembershipWindowIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Tiers tiers;

    @Autowired
    LoyaltyProperties properties;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    AuditTrail audit;

    @Autowired
    CustomerApi customers;

    @Test
    void aPurchaseDatedTomorrowByAStoreEastOfTheBusinessZoneCountsToday() throws Exception {
        String admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        // 12:00 UTC: 20:00 in Shanghai, already 02:00 the next day on Kiritimati (UTC+14)
        Instant noon = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);
        Instant at = noon.isAfter(Instant.now()) ? noon.minus(1, ChronoUnit.DAYS) : noon;
        long store = jdbc.sql("SELECT MAX(id) FROM store").query(Long.class).single();
        String zone = jdbc.sql("SELECT zone_id FROM store WHERE id = ?")
                .param(store)
                .query(String.class)
                .single();
        jdbc.sql("UPDATE store SET zone_id = 'Pacific/Kiritimati' WHERE id = ?")
                .param(store)
                .update();
        try {
            String sku = Api.product(mvc, admin, "WIN", "窗口测试", "FOOD", "300.00");
            long customer = Api.firstId(mvc.perform(post("/api/v1/customers")
                            .header("Authorization", bearer(admin))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"东边门店\"}"))
                    .andExpect(status().isCreated())
                    .andReturn()
                    .getResponse()
                    .getContentAsString());
            mvc.perform(post("/api/v1/orders")
                            .header("Authorization", bearer(admin))
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"customerId\":" + customer + ",\"storeId\":" + store
                                    + ",\"channel\":\"STORE\",\"placedAt\":\"" + at + "\",\"lines\":[{\"sku\":\""
                                    + sku + "\",\"quantity\":1}]}"))
                    .andExpect(status().isCreated());
            assertThat(jdbc.sql("SELECT business_date FROM customer_order WHERE customer_id = ?")
                            .param(customer)
                            .query(java.sql.Date.class)
                            .single()
                            .toLocalDate())
                    .isEqualTo(at.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1));

            Memberships memberships = new Memberships(
                    tiers, properties, events, audit, customers, Clock.fixed(at.plusSeconds(60), ZoneOffset.UTC));
            var window = memberships.membership(customer).window();
            assertThat(window.spend()).isEqualByComparingTo("300.00");
            assertThat(window.orders()).isEqualTo(1);
            assertThat(window.to()).as("shown up to today in the business zone").isEqualTo(memberships.today());
        } finally {
            jdbc.sql("UPDATE store SET zone_id = ? WHERE id = ?")
                    .params(zone, store)
                    .update();
        }
    }
}
