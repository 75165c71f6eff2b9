package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.customer.domain.CustomerPool;
import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Customers without follow-up go back to the pool after a notice to their owner; a follow-up in
 * between keeps them. Time passes by moving the customers' own timestamps back, so that the sweep
 * runs at the real present and leaves the demo business alone.
 */
@IntegrationTest
@Tag("postgres")
class CustomerPoolIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CustomerPool pool;

    String rep;

    @BeforeEach
    void signIn() throws Exception {
        rep = Api.token(mvc, "sales.sh.1", IntegrationTest.DEMO_PASSWORD);
    }

    private long ownCustomer(String name) throws Exception {
        return Api.firstId(mvc.perform(post("/api/v1/customers")
                        .header("Authorization", bearer(rep))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"" + name + "\"}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    private void lastFollowUp(long id, Duration ago) {
        jdbc.sql("UPDATE customer SET last_follow_up_at = ? WHERE id = ?")
                .params(Timestamp.from(Instant.now().minus(ago)), id)
                .update();
    }

    private Long owner(long id) {
        return jdbc.sql("SELECT owner_id FROM customer WHERE id = ?")
                .param(id)
                .query((rs, n) -> rs.getObject(1, Long.class))
                .list()
                .get(0);
    }

    @Test
    void anIdleCustomerIsNoticedThenReturnedToThePool() throws Exception {
        long idle = ownCustomer("久未跟进");
        Long rep = owner(idle);
        assertThat(rep).isNotNull();
        lastFollowUp(idle, Duration.ofDays(26)); // retail: 30 days, notice 3 days before
        pool.sweep(Instant.now());
        assertThat(owner(idle)).isEqualTo(rep); // not due for a notice yet

        lastFollowUp(idle, Duration.ofDays(28));
        pool.sweep(Instant.now());
        mvc.perform(get("/api/v1/customers/pool/returning").header("Authorization", bearer(this.rep)))
                .andExpect(jsonPath("$[?(@.customerId == " + idle + ")]").isNotEmpty());
        assertThat(owner(idle)).isEqualTo(rep);

        lastFollowUp(idle, Duration.ofDays(31));
        pool.sweep(Instant.now());
        assertThat(owner(idle))
                .as("the notice must come first, by the notice period")
                .isEqualTo(rep);

        jdbc.sql("UPDATE customer SET pool_notice_at = ? WHERE id = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofDays(3))), idle)
                .update();
        pool.sweep(Instant.now());
        assertThat(owner(idle)).isNull();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_timeline_entry"
                                        + " WHERE customer_id = ? AND title = 'RETURNED_TO_POOL_IDLE'")
                                .param(idle)
                                .query(Long.class)
                                .single())
                        .isEqualTo(1));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'CUSTOMERS_RETURNED_TO_POOL'"
                                + " AND entity_id = ? AND details LIKE ?")
                        .params(String.valueOf(rep), "%" + idle + "%")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aFollowUpAfterTheNoticeKeepsTheCustomer() throws Exception {
        long kept = ownCustomer("及时跟进");
        Long rep = owner(kept);
        lastFollowUp(kept, Duration.ofDays(28));
        pool.sweep(Instant.now());
        mvc.perform(post("/api/v1/customers/" + kept + "/timeline/notes") // a logged call is a follow-up
                        .header("Authorization", bearer(this.rep))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"CALL\",\"text\":\"回访：下周到店保养\"}"))
                .andExpect(status().isCreated());
        mvc.perform(get("/api/v1/customers/pool/returning").header("Authorization", bearer(this.rep)))
                .andExpect(jsonPath("$[?(@.customerId == " + kept + ")]").isEmpty());
        jdbc.sql("UPDATE customer SET pool_notice_at = ? WHERE id = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofDays(5))), kept)
                .update(); // even a stale notice does not count once the customer was followed up
        jdbc.sql("UPDATE customer SET pool_notice_at = NULL WHERE id = ?")
                .param(kept)
                .update();
        pool.sweep(Instant.now());
        assertThat(owner(kept)).isEqualTo(rep);
    }
}
