package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.customer.ContactChannel;
import io.guanxi.customer.CustomerApi;
import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Masking, audited reveal, consent per channel, subject access export and erasure. */
@IntegrationTest
@Tag("postgres")
class CustomerPrivacyIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CustomerApi customerApi;

    String admin;
    long id;
    String phone;

    @BeforeEach
    void setUp() throws Exception {
        admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        phone = "1391" + String.format("%07d", System.nanoTime() % 10_000_000);
        id = Api.firstId(mvc.perform(post("/api/v1/customers")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"隐私测试\",\"phone\":\""
                                + phone + "\",\"email\":\"privacy@example.com\",\"street\":\"文三路100号\","
                                + "\"city\":\"杭州\",\"birthday\":\"1990-05-17\"}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString());
        jdbc.sql("INSERT INTO customer_external_id (source, external_id, customer_id) VALUES ('pos', ?, ?)")
                .params("P-" + id, id)
                .update();
    }

    private long audited(String action) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = ? AND entity_id = ?")
                .params(action, String.valueOf(id))
                .query(Long.class)
                .single();
    }

    @Test
    void contactDataIsMaskedWithoutTheRightAndRevealedWithAnAuditLine() throws Exception {
        String marketer = Api.token(mvc, "marketer", IntegrationTest.DEMO_PASSWORD);
        String masked = phone.substring(0, 3) + "****" + phone.substring(7);
        mvc.perform(get("/api/v1/customers/" + id).header("Authorization", bearer(marketer)))
                .andExpect(jsonPath("$.phone").value(masked))
                .andExpect(jsonPath("$.email").value("p***@example.com"))
                .andExpect(jsonPath("$.street").value("文三路***"));
        mvc.perform(get("/api/v1/customers").param("q", phone).header("Authorization", bearer(marketer)))
                .andExpect(jsonPath("$.content[0].phone").value(masked));
        mvc.perform(post("/api/v1/customers/" + id + "/reveal").header("Authorization", bearer(marketer)))
                .andExpect(status().isForbidden());

        mvc.perform(get("/api/v1/customers/" + id).header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.phone").value("+86" + phone));
        assertThat(audited("CUSTOMER_PII_REVEALED")).isZero();
        mvc.perform(post("/api/v1/customers/" + id + "/reveal").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.phone").value("+86" + phone));
        assertThat(audited("CUSTOMER_PII_REVEALED")).isEqualTo(1);
    }

    @Test
    void consentIsKeptPerChannelWithItsHistory() throws Exception {
        assertThat(customerApi.consented(id, ContactChannel.SMS)).isFalse();
        for (boolean granted : new boolean[] {true, false, true}) {
            mvc.perform(post("/api/v1/customers/" + id + "/consents")
                            .header("Authorization", bearer(admin))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"channel\":\"SMS\",\"granted\":" + granted + ",\"source\":\"store form\"}"))
                    .andExpect(status().isOk());
        }
        mvc.perform(post("/api/v1/customers/" + id + "/consents")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"EMAIL\",\"granted\":false,\"source\":\"unsubscribe link\"}"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/customers/" + id + "/consents").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.current.SMS.granted").value(true))
                .andExpect(jsonPath("$.current.EMAIL.granted").value(false))
                .andExpect(jsonPath("$.current.EMAIL.source").value("unsubscribe link"))
                .andExpect(jsonPath("$.history.length()").value(4));
        assertThat(customerApi.consented(id, ContactChannel.SMS)).isTrue();
        assertThat(customerApi.consented(id, ContactChannel.EMAIL)).isFalse();
        mvc.perform(post("/api/v1/customers/" + id + "/consents")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"CARRIER_PIGEON\",\"granted\":true,\"source\":\"x\"}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void subjectExportHoldsEverythingAndErasureRemovesThePerson() throws Exception {
        mvc.perform(post("/api/v1/customers/" + id + "/consents")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"WECHAT\",\"granted\":true,\"source\":\"mini program\"}"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/customers/" + id + "/subject-export").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.customer.phone").value("+86" + phone))
                .andExpect(jsonPath("$.externalIds[0].external_id").value("P-" + id))
                .andExpect(jsonPath("$.consents[0].channel").value("WECHAT"))
                .andExpect(jsonPath("$.accessLog[*].action", Matchers.hasItem("CUSTOMER_CREATED")));
        assertThat(audited("CUSTOMER_SUBJECT_EXPORTED")).isEqualTo(1);

        mvc.perform(post("/api/v1/customers/" + id + "/erasure").header("Authorization", bearer(admin)))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/customers/" + id + "/erasure")
                        .param("confirm", "ERASE")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.displayName").value("Anonymous #" + id))
                .andExpect(jsonPath("$.phone").doesNotExist());
        var row = jdbc.sql(
                        "SELECT display_name, phone, email, street, birthday, city, erased_at FROM customer WHERE id = ?")
                .param(id)
                .query()
                .singleRow();
        assertThat(row.get("phone")).isNull();
        assertThat(row.get("email")).isNull();
        assertThat(row.get("street")).isNull();
        assertThat(row.get("birthday")).isNull();
        assertThat(row.get("city")).isEqualTo("杭州"); // aggregates by city still add up
        assertThat(row.get("erased_at")).isNotNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_external_id WHERE customer_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isZero();
        mvc.perform(get("/api/v1/customers").param("q", phone).header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.totalElements").value(0));
        mvc.perform(post("/api/v1/customers/" + id + "/erasure")
                        .param("confirm", "ERASE")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isConflict());
        assertThat(audited("CUSTOMER_ERASED")).isEqualTo(1);
    }

    @Test
    void theCustomerPageMasksUntilRevealed() throws Exception {
        mvc.perform(get("/customers/" + id).header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(phone.substring(0, 3) + "****")))
                .andExpect(content().string(Matchers.not(Matchers.containsString(phone))))
                .andExpect(content().string(Matchers.containsString("customer-reveal")));
        mvc.perform(get("/customers").param("q", phone).header("Authorization", bearer(admin)))
                .andExpect(content().string(Matchers.containsString(phone.substring(0, 3) + "****")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("+86" + phone))));
    }
}
