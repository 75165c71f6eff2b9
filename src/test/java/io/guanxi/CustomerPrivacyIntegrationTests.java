package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.customer.ContactChannel;
import io.guanxi.customer.CustomerApi;
import io.guanxi.customer.domain.PersonalData;
import io.guanxi.customer.domain.PersonalData.Field;
import io.guanxi.shared.crypto.FieldCipher;
import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

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

    @Autowired
    PersonalData personal;

    @Autowired
    JsonMapper json;

    @Autowired
    FieldCipher cipher;

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

    private long create(String body) throws Exception {
        return Api.firstId(mvc.perform(post("/api/v1/customers")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    private String finishedImport(String body) throws Exception {
        long importId = json.readTree(body).get("id").asLong();
        for (int i = 0; i < 300; i++) {
            String status = mvc.perform(get("/api/v1/imports/" + importId).header("Authorization", bearer(admin)))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            String state = json.readTree(status).get("state").asString();
            if (state.equals("DONE") || state.equals("FAILED")) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + importId + " did not finish");
    }

    /**
     * Everything the database holds as text where a person's data could be: customers, contacts and
     * merge snapshots decrypted, timelines, import reports and previews (decrypted), audit details.
     */
    private List<String> everythingStored() {
        List<String> stored = new ArrayList<>();
        jdbc.sql("SELECT display_name, family_name, given_name, phone, email, id_number, street FROM customer")
                .query(rs -> {
                    stored.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                    stored.add(personal.decrypt(Field.PHONE, rs.getString(4)));
                    stored.add(personal.decrypt(Field.EMAIL, rs.getString(5)));
                    stored.add(personal.decrypt(Field.ID_NUMBER, rs.getString(6)));
                    stored.add(personal.decrypt(Field.STREET, rs.getString(7)));
                });
        jdbc.sql("SELECT phone, email FROM customer_contact").query(rs -> {
            stored.add(personal.decrypt(Field.CONTACT_PHONE, rs.getString(1)));
            stored.add(personal.decrypt(Field.CONTACT_EMAIL, rs.getString(2)));
        });
        jdbc.sql("SELECT survivor_before, moved_external_ids FROM customer_merge")
                .query(rs -> {
                    stored.add(personal.decrypt(Field.MERGE_SNAPSHOT, rs.getString(1)));
                    stored.add(rs.getString(2));
                });
        jdbc.sql("SELECT source, external_id FROM customer_external_id").query(rs -> {
            stored.add(rs.getString(1) + ":" + rs.getString(2));
        });
        jdbc.sql("SELECT title, detail FROM customer_timeline_entry").query(rs -> {
            stored.add(rs.getString(1));
            stored.add(rs.getString(2));
        });
        jdbc.sql("SELECT message FROM import_issue").query(rs -> {
            stored.add(rs.getString(1));
        });
        jdbc.sql("SELECT serialized_event FROM event_publication WHERE completion_date IS NOT NULL")
                .query(rs -> {
                    stored.add(rs.getString(1));
                });
        jdbc.sql("SELECT sample FROM import_job WHERE sample IS NOT NULL").query(rs -> {
            stored.add(cipher.decrypt(rs.getString(1), "import_job.sample"));
        });
        jdbc.sql("SELECT details FROM audit_event").query(rs -> {
            stored.add(rs.getString(1));
        });
        stored.removeIf(java.util.Objects::isNull);
        return stored.stream()
                .map(text -> text.replace(" ", "").replace("-", "").toLowerCase(java.util.Locale.ROOT))
                .toList();
    }

    @Test
    void erasureLeavesNoneOfThePersonsDataAnywhereAndItsMergesCannotBeUndone() throws Exception {
        String mobile = "1395" + phone.substring(4);
        String oldMobile = "1396" + phone.substring(4);
        String idNumber = "3301061990" + phone.substring(4);
        String email = "erase." + mobile + "@example.com";
        String oldEmail = "old." + mobile + "@example.com";
        String street = "凤起路" + phone.substring(7) + "号";
        String oldStreet = "延安路" + phone.substring(7) + "号";
        long survivor = create("{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"擦除测试\",\"phone\":\""
                + mobile + "\",\"email\":\"" + email + "\",\"street\":\"" + street + "\",\"city\":\"杭州\"}");
        long duplicate = create("{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"擦除测试\",\"phone\":\""
                + oldMobile + "\",\"email\":\"" + oldEmail + "\",\"idNumber\":\"" + idNumber + "\",\"street\":\""
                + oldStreet + "\",\"city\":\"杭州\"}");
        mvc.perform(post("/api/v1/customers/" + survivor + "/timeline/notes")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"CALL\",\"text\":\"Called " + oldMobile + ", moving to " + street + "\"}"))
                .andExpect(status().isCreated());
        // the duplicate is merged into the survivor: its record stays hidden, the merge keeps the survivor as it was
        long mergeId = Api.firstId(mvc.perform(post("/api/v1/customers/merges")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"survivorId\":" + survivor + ",\"mergedId\":" + duplicate + "}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString());
        // an upload names the person: its file, its preview and a line of its report
        String csv =
                "会员号,姓名,手机,邮箱,地址1,地址2\nE-" + mobile + ",擦除测试," + mobile.substring(0, 3) + " " + mobile.substring(3, 7)
                        + " " + mobile.substring(7) + "," + email.toUpperCase() + ",凤起路," + phone.substring(7) + "号\n";
        String upload = mvc.perform(multipart("/api/v1/imports")
                        .file(new MockMultipartFile(
                                "file", "erase.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .param("recordType", "customer")
                        .param("source", "erase-it")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isAccepted())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long importId = json.readTree(finishedImport(upload)).get("id").asLong();
        jdbc.sql("INSERT INTO import_issue (import_id, row_number, column_name, severity, message)"
                        + " VALUES (?, 3, '手机', 'WARNING', ?)")
                .params(importId, "\"" + oldMobile.substring(0, 3) + "-" + oldMobile.substring(3) + "\" seen twice")
                .update();
        // an event another module published with the person's phone in its text, handled and kept as JSON
        jdbc.sql("INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date,"
                        + " completion_date, status, completion_attempts) VALUES (?, 'it.listener', 'it.Event', ?, ?, ?,"
                        + " 'COMPLETED', 1)")
                .params(
                        java.util.UUID.randomUUID(),
                        "{\"summary\":\"SMS to " + oldMobile + "\"}",
                        java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(60)),
                        java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(59)))
                .update();
        List<String> values = List.of(mobile, oldMobile, idNumber.toLowerCase(), email, oldEmail, street, oldStreet);
        assertThat(everythingStored()).anySatisfy(text -> assertThat(text).contains(mobile));
        assertThat(everythingStored()).anySatisfy(text -> assertThat(text).contains(oldMobile));

        mvc.perform(post("/api/v1/customers/" + survivor + "/erasure")
                        .param("confirm", "ERASE")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isOk());

        List<String> stored = everythingStored();
        for (String value : values) {
            assertThat(stored).as(value).noneMatch(text -> text.contains(value));
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer WHERE id IN (?, ?) AND erased_at IS NOT NULL")
                        .params(survivor, duplicate)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM import_file_chunk WHERE import_id = ?")
                        .param(importId)
                        .query(Long.class)
                        .single())
                .isZero();
        var merge = jdbc.sql("SELECT survivor_before, erased_at FROM customer_merge WHERE id = ?")
                .param(mergeId)
                .query()
                .singleRow();
        assertThat(merge.get("survivor_before")).isNull();
        assertThat(merge.get("erased_at")).isNotNull();

        // undoing the merge would bring the erased data back: refused, saying why
        mvc.perform(post("/api/v1/customers/merges/" + mergeId + "/undo").header("Authorization", bearer(admin)))
                .andExpect(status().isConflict())
                .andExpect(content().string(Matchers.containsString("erased")));
        // the upload whose file held the person cannot be run again
        mvc.perform(post("/api/v1/imports/" + importId + "/runs")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"dryRun\":true}"))
                .andExpect(status().isConflict())
                .andExpect(content().string(Matchers.containsString("deleted")));
    }

    @Test
    void erasingAnOrganisationRemovesItsContacts() throws Exception {
        long org = create("{\"partyType\":\"ORGANISATION\",\"kind\":\"PROJECT\",\"displayName\":\"擦除建材有限公司\"}");
        String contactPhone = "1397" + phone.substring(4);
        mvc.perform(post("/api/v1/customers/" + org + "/contacts")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"采购经理\",\"phone\":\"" + contactPhone + "\",\"email\":\"buyer."
                                + contactPhone + "@example.com\"}"))
                .andExpect(status().isCreated());

        mvc.perform(post("/api/v1/customers/" + org + "/erasure")
                        .param("confirm", "ERASE")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isOk());

        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_contact WHERE customer_id = ?")
                        .param(org)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(everythingStored()).noneMatch(text -> text.contains(contactPhone));
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
