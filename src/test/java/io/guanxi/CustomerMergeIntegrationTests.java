package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.customer.CustomerApi;
import io.guanxi.customer.CustomerDetails;
import io.guanxi.customer.CustomerKind;
import io.guanxi.customer.DatedCustomer;
import io.guanxi.customer.ExternalId;
import io.guanxi.customer.PartyType;
import io.guanxi.customer.SourceChannel;
import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Merging two records of one customer by survivorship rules, its history, and undo. */
@IntegrationTest
@Tag("postgres")
class CustomerMergeIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    CustomerApi customers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.security.core.userdetails.UserDetailsService users;

    private long idOf(String source, String externalId) {
        return jdbc.sql("SELECT customer_id FROM customer_external_id WHERE source = ? AND external_id = ?")
                .params(source, externalId)
                .query(Long.class)
                .single();
    }

    @Test
    void mergesBySurvivorshipRulesAndUndoesCompletely() throws Exception {
        customers.bulkRegister(List.of(
                        new DatedCustomer(
                                new CustomerDetails(
                                        PartyType.PERSON,
                                        CustomerKind.RETAIL,
                                        null,
                                        "林",
                                        "晓梅",
                                        null,
                                        LocalDate.of(1988, 3, 14),
                                        "13900001111",
                                        null,
                                        "浙江省",
                                        "杭州",
                                        "西湖区",
                                        "文三路100号",
                                        "310012",
                                        null,
                                        SourceChannel.STORE,
                                        null,
                                        null),
                                Instant.parse("2025-01-01T00:00:00Z"),
                                new ExternalId("pos", "M-1001")),
                        new DatedCustomer(
                                new CustomerDetails(
                                        PartyType.PERSON,
                                        CustomerKind.RETAIL,
                                        null,
                                        "林",
                                        "晓梅",
                                        null,
                                        null,
                                        "13900002222",
                                        "xiaomei@163.com",
                                        "浙江省",
                                        "杭州",
                                        "滨江区",
                                        "江南大道8号",
                                        "310051",
                                        "330106198803140023",
                                        SourceChannel.WEBSITE,
                                        null,
                                        null),
                                Instant.parse("2026-06-01T00:00:00Z"),
                                new ExternalId("shop", "S-77")))
                .iterator());
        long older = idOf("pos", "M-1001");
        long newer = idOf("shop", "S-77");
        String admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);

        String merge = mvc.perform(post("/api/v1/customers/merges")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"survivorId\":" + older + ",\"mergedId\":" + newer + "}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long mergeId = Api.firstId(merge);
        assertThat(jdbc.sql("SELECT survivor_before FROM customer_merge WHERE id = ?")
                        .param(mergeId)
                        .query(String.class)
                        .single())
                .as("the snapshot kept for the undo is encrypted")
                .startsWith("g1:test1:")
                .doesNotContain("1111");

        mvc.perform(get("/api/v1/customers/" + older).header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.birthday").value("1988-03-14"))
                .andExpect(jsonPath("$.idNumber").value("330106198803140023"))
                .andExpect(jsonPath("$.phone").value("+8613900002222"))
                .andExpect(jsonPath("$.email").value("xiaomei@163.com"))
                .andExpect(jsonPath("$.street").value("江南大道8号"))
                .andExpect(jsonPath("$.district").value("滨江区"));
        mvc.perform(get("/api/v1/customers/" + newer).header("Authorization", bearer(admin)))
                .andExpect(status().isNotFound());
        assertThat(idOf("shop", "S-77")).as("external ids follow the survivor").isEqualTo(older);
        assertThat(customers
                        .matchOrRegister(
                                "shop",
                                List.of(new io.guanxi.customer.CustomerReference("S-77", null, null, null)),
                                false,
                                ((io.guanxi.identity.security.GuanxiUserDetails) users.loadUserByUsername("admin"))
                                        .currentUser())
                        .get(0)
                        .customerId())
                .as("an import that names the merged customer's id finds the survivor")
                .isEqualTo(older);
        mvc.perform(get("/api/v1/customers/merges?customerId=" + newer).header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.content[0].survivorId").value(older))
                .andExpect(jsonPath("$.content[0].mergedBy").value("admin"));
        mvc.perform(post("/api/v1/customers/merges")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"survivorId\":" + older + ",\"mergedId\":" + newer + "}"))
                .andExpect(status().isNotFound());

        mvc.perform(post("/api/v1/customers/merges/" + mergeId + "/undo").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.undoneBy").value("admin"));
        mvc.perform(get("/api/v1/customers/" + older).header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.phone").value("+8613900001111"))
                .andExpect(jsonPath("$.email").doesNotExist())
                .andExpect(jsonPath("$.idNumber").doesNotExist())
                .andExpect(jsonPath("$.street").value("文三路100号"));
        mvc.perform(get("/api/v1/customers/" + newer).header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value("xiaomei@163.com"));
        assertThat(idOf("shop", "S-77")).isEqualTo(newer);
        assertThat(idOf("pos", "M-1001")).isEqualTo(older);
        mvc.perform(post("/api/v1/customers/merges/" + mergeId + "/undo").header("Authorization", bearer(admin)))
                .andExpect(status().isConflict());
        assertThat(jdbc.sql(
                                "SELECT action FROM audit_event WHERE entity_type = 'customer' AND entity_id = ? ORDER BY id")
                        .param(String.valueOf(older))
                        .query(String.class)
                        .list())
                .containsSubsequence("CUSTOMERS_MERGED", "CUSTOMER_MERGE_UNDONE");
    }

    @Test
    void refusesMergingACustomerIntoItselfOrOutsideTheScope() throws Exception {
        String admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        long anyone = jdbc.sql("SELECT MIN(id) FROM customer WHERE store_id = (SELECT id FROM store WHERE code = 'BJ')")
                .query(Long.class)
                .single();
        long other = jdbc.sql("SELECT MIN(id) FROM customer WHERE store_id = (SELECT id FROM store WHERE code = 'SH')")
                .query(Long.class)
                .single();
        mvc.perform(post("/api/v1/customers/merges")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"survivorId\":" + anyone + ",\"mergedId\":" + anyone + "}"))
                .andExpect(status().isBadRequest());
        String shanghaiManager = Api.token(mvc, "manager.sh", IntegrationTest.DEMO_PASSWORD);
        mvc.perform(post("/api/v1/customers/merges")
                        .header("Authorization", bearer(shanghaiManager))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"survivorId\":" + other + ",\"mergedId\":" + anyone + "}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/customers/duplicates/987654/dismiss").header("Authorization", bearer(admin)))
                .andExpect(status().isNotFound());
    }
}
