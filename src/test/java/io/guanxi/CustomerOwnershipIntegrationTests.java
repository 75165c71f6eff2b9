package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.customer.CustomerApi;
import io.guanxi.customer.CustomerDetails;
import io.guanxi.customer.CustomerKind;
import io.guanxi.customer.DatedCustomer;
import io.guanxi.customer.PartyType;
import io.guanxi.customer.SourceChannel;
import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.NewUser;
import io.guanxi.identity.Role;
import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Owners: managers transfer (audited), reps claim from their store's pool, limits hold. */
@IntegrationTest
@Tag("postgres")
class CustomerOwnershipIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CustomerApi customers;

    @Autowired
    IdentityApi identity;

    private long userId(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = ?")
                .param(username)
                .query(Long.class)
                .single();
    }

    private long firstCustomer(String condition) {
        return jdbc.sql(
                        "SELECT MIN(c.id) FROM customer c JOIN store s ON s.id = c.store_id WHERE c.merged_into IS NULL AND "
                                + condition)
                .query(Long.class)
                .single();
    }

    @Test
    void managersTransferOwnersAndEveryChangeIsAudited() throws Exception {
        long customer = firstCustomer("s.code = 'SH' AND c.owner_id = " + userId("sales.sh.1"));
        long newOwner = userId("sales.sh.2");
        String manager = Api.token(mvc, "manager.sh", IntegrationTest.DEMO_PASSWORD);
        mvc.perform(post("/api/v1/customers/" + customer + "/owner")
                        .header("Authorization", bearer(manager))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ownerId\":" + newOwner + "}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ownerId").value(newOwner));
        assertThat(jdbc.sql("SELECT details FROM audit_event WHERE action = 'CUSTOMER_OWNER_CHANGED' AND entity_id = ?")
                        .param(String.valueOf(customer))
                        .query(String.class)
                        .single())
                .isEqualTo("from=" + userId("sales.sh.1") + " to=" + newOwner);
        mvc.perform(post("/api/v1/customers/" + customer + "/owner")
                        .header("Authorization", bearer(manager))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ownerId\":987654}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("ownerId"));
        String rep = Api.token(mvc, "sales.sh.2", IntegrationTest.DEMO_PASSWORD);
        mvc.perform(post("/api/v1/customers/" + customer + "/owner")
                        .header("Authorization", bearer(rep))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ownerId\":" + newOwner + "}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void repsClaimFromTheirOwnStoresPoolOnce() throws Exception {
        long shanghaiPool = firstCustomer("s.code = 'SH' AND c.owner_id IS NULL");
        long beijingPool = firstCustomer("s.code = 'BJ' AND c.owner_id IS NULL");
        String rep = Api.token(mvc, "sales.sh.2", IntegrationTest.DEMO_PASSWORD);
        mvc.perform(post("/api/v1/customers/" + shanghaiPool + "/claim").header("Authorization", bearer(rep)))
                .andExpect(status().isNoContent());
        assertThat(jdbc.sql("SELECT owner_id FROM customer WHERE id = ?")
                        .param(shanghaiPool)
                        .query(Long.class)
                        .single())
                .isEqualTo(userId("sales.sh.2"));
        String other = Api.token(mvc, "sales.sh.1", IntegrationTest.DEMO_PASSWORD);
        mvc.perform(post("/api/v1/customers/" + shanghaiPool + "/claim").header("Authorization", bearer(other)))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/v1/customers/" + beijingPool + "/claim").header("Authorization", bearer(rep)))
                .andExpect(status().isConflict());
    }

    @Test
    void nobodyOwnsMoreThanTheLimit() throws Exception {
        long shanghai = jdbc.sql("SELECT id FROM store WHERE code = 'SH'")
                .query(Long.class)
                .single();
        long rep = identity.createUser(
                        new NewUser("limit.rep", "限额测试", null, "limit-rep-password", Role.SALES, null, shanghai, null))
                .id();
        customers.bulkRegister(IntStream.range(0, 1000)
                .mapToObj(i -> new DatedCustomer(
                        new CustomerDetails(
                                PartyType.PERSON,
                                CustomerKind.RETAIL,
                                "限额客户" + i,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                "上海",
                                null,
                                null,
                                null,
                                null,
                                SourceChannel.STORE,
                                shanghai,
                                rep),
                        Instant.parse("2026-01-01T00:00:00Z")))
                .iterator());
        long customer = firstCustomer("s.code = 'SH' AND c.owner_id = " + userId("sales.sh.1"));
        String admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        mvc.perform(post("/api/v1/customers/" + customer + "/owner")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ownerId\":" + rep + "}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail", containsString("maximum of 1000")));
    }
}
