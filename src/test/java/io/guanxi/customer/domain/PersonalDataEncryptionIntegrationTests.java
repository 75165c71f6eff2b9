package io.guanxi.customer.domain;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.customer.domain.KeyRotation.KeyUsage;
import io.guanxi.customer.domain.PersonalData.Field;
import io.guanxi.identity.AuditTrail;
import io.guanxi.identity.ScopeFilter;
import io.guanxi.shared.crypto.BlindIndex;
import io.guanxi.shared.crypto.FieldCipher;
import io.guanxi.shared.crypto.Keyring;
import io.guanxi.shared.crypto.PrivacyProperties;
import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import io.guanxi.support.TestDatabase;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Personal data at rest: the database holds ciphertext and keyed hashes only, lookups still find
 * customers, rows written in plaintext before encryption get encrypted, and keys rotate.
 */
@IntegrationTest
@Tag("postgres")
class PersonalDataEncryptionIntegrationTests {

    static final String KEY_B = "pOPFhec5S54ogJXeqEacJyAJVvaWBaa+aSvp/W2jqBs=";
    static final String INDEX_KEY_2 = "U69i3ZRBw3bXwChEcC4WvmNVuDY7r5DeyJt5nvWEQZw=";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate template;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    AuditTrail audit;

    @Autowired
    KeyRotation rotation;

    @Autowired
    Keyring keyring;

    @Autowired
    PersonalData personal;

    String admin;
    String digits;
    long id;

    @BeforeEach
    void setUp() throws Exception {
        admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        digits = "1377" + String.format("%07d", System.nanoTime() % 10_000_000);
        id = create("{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"加密测试\",\"phone\":\""
                + digits.substring(0, 3) + " " + digits.substring(3, 7) + " " + digits.substring(7)
                + "\",\"email\":\"Secret." + digits + "@Example.com\",\"idNumber\":\"11010519491231002X\","
                + "\"street\":\"文三路" + digits.substring(7) + "号\",\"city\":\"杭州\"}");
    }

    private long create(String json) throws Exception {
        return Api.firstId(mvc.perform(post("/api/v1/customers")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    @Test
    void theDatabaseHoldsNoPlaintextOfPersonalData() {
        Map<String, Object> row = jdbc.sql("SELECT phone, email, id_number, street, phone_hash, pii_key, pii_index_key"
                        + " FROM customer WHERE id = ?")
                .param(id)
                .query()
                .singleRow();
        String last4 = digits.substring(7);
        for (String column : List.of("phone", "email", "id_number", "street")) {
            String stored = (String) row.get(column);
            assertThat(stored).as(column).startsWith("g1:test1:");
            assertThat(stored).as(column).doesNotContain(digits).doesNotContain(last4);
            assertThat(stored)
                    .as(column)
                    .doesNotContain("1949")
                    .doesNotContain("文三路")
                    .doesNotContainIgnoringCase("secret");
        }
        assertThat((String) row.get("phone_hash")).hasSize(22).doesNotContain(last4);
        assertThat(row.get("pii_key")).isEqualTo("test1");
        assertThat(row.get("pii_index_key")).isEqualTo("itest1");
        // nothing anywhere in the table (demo data from the bulk path included) is stored in the clear
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer WHERE phone LIKE '+%' OR email LIKE '%@%'"
                                + " OR street LIKE '%路%' OR (id_number IS NOT NULL AND id_number NOT LIKE 'g1:%')")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void contactPhonesAndEmailsAreEncryptedToo() throws Exception {
        long org = create("{\"partyType\":\"ORGANISATION\",\"kind\":\"PROJECT\",\"displayName\":\"加密建材有限公司\"}");
        mvc.perform(post("/api/v1/customers/" + org + "/contacts")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"采购经理\",\"phone\":\"" + digits + "\",\"email\":\"buyer@example.com\"}"))
                .andExpect(status().isCreated());
        Map<String, Object> row = jdbc.sql(
                        "SELECT phone, email, phone_hash FROM customer_contact WHERE customer_id = ?")
                .param(org)
                .query()
                .singleRow();
        assertThat((String) row.get("phone")).startsWith("g1:").doesNotContain(digits.substring(7));
        assertThat((String) row.get("email")).startsWith("g1:").doesNotContain("buyer");
        assertThat(row.get("phone_hash")).isEqualTo(personal.hash(Field.CONTACT_PHONE, "+86" + digits));
        mvc.perform(get("/api/v1/customers/" + org + "/contacts").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$[0].phone").value("+86" + digits))
                .andExpect(jsonPath("$[0].email").value("buyer@example.com"));
    }

    @Test
    void searchFindsPhonesTypedInAnyFormatAndEmailsInAnyCase() throws Exception {
        for (String q : List.of(
                digits,
                "+86 " + digits.substring(0, 3) + "-" + digits.substring(3, 7) + "-" + digits.substring(7),
                "secret." + digits + "@EXAMPLE.com")) {
            mvc.perform(get("/api/v1/customers").param("q", q).header("Authorization", bearer(admin)))
                    .andExpect(jsonPath("$.totalElements").value(1))
                    .andExpect(jsonPath("$.content[0].id").value(id))
                    .andExpect(jsonPath("$.content[0].phone").value("+86" + digits))
                    .andExpect(jsonPath("$.content[0].idNumber").value("11010519491231002X"));
        }
    }

    @Test
    void aRowWrittenInPlaintextBeforeEncryptionIsEncryptedByTheStartUpPass() throws Exception {
        String legacy = "1366" + digits.substring(4);
        Instant now = Instant.now();
        jdbc.sql("INSERT INTO customer (party_type, kind, display_name, phone, email, id_number, street,"
                        + " city, created_at, updated_at, version) VALUES ('PERSON', 'RETAIL', '旧数据', ?, ?, ?, ?,"
                        + " '杭州', ?, ?, 0)")
                .params(
                        "+86" + legacy,
                        "old." + legacy + "@example.com",
                        "110105194912310021",
                        "延安路1号",
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update();
        Long inserted = jdbc.sql("SELECT id FROM customer WHERE phone = ?")
                .param("+86" + legacy)
                .query(Long.class)
                .single();
        assertThat(rotation.usage()).anyMatch(u -> u.table().equals("customer") && u.key() == null);

        rotation.run(null);

        Map<String, Object> row = jdbc.sql("SELECT phone, email, id_number, street, pii_key FROM customer WHERE id = ?")
                .param(inserted)
                .query()
                .singleRow();
        assertThat(row.get("pii_key")).isEqualTo("test1");
        assertThat((String) row.get("phone")).startsWith("g1:test1:").doesNotContain(legacy);
        assertThat((String) row.get("street")).startsWith("g1:test1:");
        assertThat(rotation.usage()).noneMatch(u -> u.key() == null);
        mvc.perform(get("/api/v1/customers").param("q", legacy).header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.content[0].id").value(inserted))
                .andExpect(jsonPath("$.content[0].street").value("延安路1号"));
    }

    @Test
    void rotatingBothKeysMovesEveryRowAndAnOldKeyCanThenBeRemoved() throws Exception {
        Keyring both = keyring(Map.of("test1", TestDatabase.TEST_KEY, "b2", KEY_B), "b2", "i2");
        Keyring back = keyring(Map.of("test1", TestDatabase.TEST_KEY, "b2", KEY_B), "test1", "itest1");
        try {
            // new writes under the new active key
            PersonalData toB = personal(both);
            KeyRotation.Outcome first =
                    new KeyRotation(jdbc, template, transactions, toB, both, audit, List.of()).reencrypt(false);
            assertThat(first.customers()).isGreaterThan(300);
            assertThat(first.remaining()).isZero();
            assertThat(customerTables(rotation.usage()))
                    .allSatisfy(u -> assertThat(List.of(u.key(), u.indexKey())).containsExactly("b2", "i2"));

            // key test1 removed: everything still reads, and lookups use the new index key
            Keyring onlyB = keyring(Map.of("b2", KEY_B), "b2", "i2");
            CustomerRepository withoutOldKey = new CustomerRepository(jdbc, template, personal(onlyB));
            assertThat(withoutOldKey
                            .find(id, ScopeFilter.all())
                            .orElseThrow()
                            .view()
                            .phone())
                    .isEqualTo("+86" + digits);
            assertThat(withoutOldKey
                            .findByContact("phone", List.of("+86" + digits))
                            .get("+86" + digits))
                    .extracting(c -> c.view().id())
                    .containsExactly(id);
            assertThat(withoutOldKey.findByContact("idNumber", List.of("11010519491231002X")))
                    .containsKey("11010519491231002X");
            assertThat(jdbc.sql("SELECT phone, email, id_number, street FROM customer")
                            .query((rs, n) -> new String[] {
                                personal(onlyB).decrypt(Field.PHONE, rs.getString(1)),
                                personal(onlyB).decrypt(Field.EMAIL, rs.getString(2)),
                                personal(onlyB).decrypt(Field.ID_NUMBER, rs.getString(3)),
                                personal(onlyB).decrypt(Field.STREET, rs.getString(4))
                            })
                            .list())
                    .isNotEmpty();

            // while rows name a key that is gone, the application refuses to start
            assertThatThrownBy(() -> rotation.run(null)).hasMessageContaining("[b2]");
        } finally {
            KeyRotation.Outcome restored = new KeyRotation(
                            jdbc, template, transactions, personal(back), back, audit, List.of())
                    .reencrypt(false);
            assertThat(restored.remaining()).isZero();
        }
        assertThat(customerTables(rotation.usage()))
                .allSatisfy(u -> assertThat(List.of(u.key(), u.indexKey())).containsExactly("test1", "itest1"));
        mvc.perform(get("/api/v1/customers").param("q", digits).header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.content[0].id").value(id));
    }

    @Test
    void twoPassesAtOnceShareTheWork() throws Exception {
        Keyring both = keyring(Map.of("test1", TestDatabase.TEST_KEY, "b2", KEY_B), "b2", "itest1");
        Keyring back = keyring(Map.of("test1", TestDatabase.TEST_KEY, "b2", KEY_B), "test1", "itest1");
        long customers =
                jdbc.sql("SELECT COUNT(*) FROM customer").query(Long.class).single();
        try {
            CompletableFuture<KeyRotation.Outcome> one = CompletableFuture.supplyAsync(
                    () -> new KeyRotation(jdbc, template, transactions, personal(both), both, audit, List.of())
                            .reencrypt(false));
            CompletableFuture<KeyRotation.Outcome> two = CompletableFuture.supplyAsync(
                    () -> new KeyRotation(jdbc, template, transactions, personal(both), both, audit, List.of())
                            .reencrypt(false));
            long moved = one.get().customers() + two.get().customers();
            assertThat(moved).isEqualTo(customers);
            assertThat(rotation.usage().stream()
                            .filter(u -> u.table().equals("customer"))
                            .map(KeyUsage::key)
                            .distinct())
                    .containsExactly("b2");
        } finally {
            new KeyRotation(jdbc, template, transactions, personal(back), back, audit, List.of()).reencrypt(false);
        }
    }

    @Test
    void administratorsSeeKeyUsageAndRunTheReEncryptionThroughTheApi() throws Exception {
        mvc.perform(get("/api/v1/privacy/keys").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.activeKey").value("test1"))
                .andExpect(jsonPath("$.activeIndexKey").value("itest1"))
                .andExpect(jsonPath("$.usage[?(@.table == 'customer')].key")
                        .value(org.hamcrest.Matchers.hasItem("test1")));
        mvc.perform(post("/api/v1/privacy/keys/re-encryption").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.customers").value(0))
                .andExpect(jsonPath("$.remaining").value(0));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'PERSONAL_DATA_REENCRYPTED'")
                        .query(Long.class)
                        .single())
                .isPositive();
        String marketer = Api.token(mvc, "marketer", IntegrationTest.DEMO_PASSWORD);
        mvc.perform(post("/api/v1/privacy/keys/re-encryption").header("Authorization", bearer(marketer)))
                .andExpect(status().isForbidden());
    }

    @Test
    void theKeysPageShowsUsageAndRunsTheReEncryption() throws Exception {
        mvc.perform(get("/admin/privacy/keys").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("id=\"key-usage\"")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("test1")));
        var flash = mvc.perform(
                        post("/admin/privacy/keys/re-encryption")
                                .header("Authorization", bearer(admin))
                                .with(org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getFlashMap();
        assertThat(((KeyRotation.Outcome) flash.get("outcome")).remaining()).isZero();
    }

    /** The usage of the customer module's own tables (a rotation built here moves only those). */
    private static List<KeyUsage> customerTables(List<KeyUsage> usage) {
        return usage.stream()
                .filter(u -> List.of("customer", "customer_contact", "customer_merge")
                        .contains(u.table()))
                .toList();
    }

    private static Keyring keyring(Map<String, String> keys, String active, String activeIndex) {
        return Keyring.of(new PrivacyProperties(
                keys, active, Map.of("itest1", TestDatabase.TEST_INDEX_KEY, "i2", INDEX_KEY_2), activeIndex, null));
    }

    private static PersonalData personal(Keyring keyring) {
        return new PersonalData(new FieldCipher(keyring), new BlindIndex(keyring));
    }
}
