package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.identity.Role;
import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Customers: normalisation on write, data scopes in queries, escaping, pool on departure, demo data. */
@IntegrationTest
@Tag("postgres")
class CustomerIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    io.guanxi.customer.domain.PersonalData personal;

    private long create(String token, String json) throws Exception {
        String body = mvc.perform(post("/api/v1/customers")
                        .header("Authorization", bearer(token))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return Api.firstId(body);
    }

    @Test
    void normalisesContactDataOnTheWayIn() throws Exception {
        String admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        long id = create(
                admin,
                "{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"familyName\":\" 欧阳 \",\"givenName\":\"娜娜\","
                        + "\"phone\":\"１３９ ００１３ ８０００\",\"email\":\" NaNa@QQ.com \",\"city\":\"上海\u3000\","
                        + "\"birthday\":\"1990-05-01\"}");
        mvc.perform(get("/api/v1/customers/" + id).header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.displayName").value("欧阳娜娜"))
                .andExpect(jsonPath("$.phone").value("+8613900138000"))
                .andExpect(jsonPath("$.email").value("nana@qq.com"))
                .andExpect(jsonPath("$.city").value("上海"))
                .andExpect(jsonPath("$.birthday").value("1990-05-01"))
                .andExpect(jsonPath("$.createdAt", containsString("T")));
        for (String query : List.of("139-0013-8000", "+86 13900138000", "nana@qq.COM", "欧阳娜", "ouyangnana", "oynn")) {
            mvc.perform(get("/api/v1/customers").param("q", query).header("Authorization", bearer(admin)))
                    .andExpect(jsonPath("$.content[?(@.id == " + id + ")]").isNotEmpty());
        }
    }

    @Autowired
    io.guanxi.customer.CustomerApi customerApi;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @Test
    void aSearchThatMatchesAGreatManyCountsUpToTheCapAndSaysSo() throws Exception {
        String admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        String prefix = "截断" + java.util.UUID.randomUUID().toString().substring(0, 6);
        List<io.guanxi.customer.DatedCustomer> many = new java.util.ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            many.add(new io.guanxi.customer.DatedCustomer(
                    new io.guanxi.customer.CustomerDetails(
                            io.guanxi.customer.PartyType.PERSON,
                            io.guanxi.customer.CustomerKind.RETAIL,
                            prefix + (i < 3 ? "少" : "多") + i,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            io.guanxi.customer.SourceChannel.IMPORT,
                            null,
                            null),
                    java.time.Instant.now()));
        }
        transactions.executeWithoutResult(tx -> customerApi.bulkRegister(many.iterator()));

        mvc.perform(get("/api/v1/customers").param("q", prefix).header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(1_000))
                .andExpect(jsonPath("$.totalCapped").value(true))
                .andExpect(jsonPath("$.content.length()").value(20))
                .andExpect(jsonPath("$.content[0].displayName", containsString(prefix)));
        mvc.perform(get("/api/v1/customers").param("q", prefix + "少").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.totalElements").value(3))
                .andExpect(jsonPath("$.totalCapped").value(false));
        mvc.perform(get("/customers")
                        .param("q", prefix)
                        .header("Accept-Language", "en")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("More than 1,000 customers match")));
    }

    @Test
    void sortingByNameIgnoresCase() throws Exception {
        String admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        String tag = "Sortcase" + java.util.UUID.randomUUID().toString().substring(0, 6);
        for (String given : List.of("Carl", "anna", "Bob")) {
            create(
                    admin,
                    "{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"" + tag + " " + given + "\"}");
        }
        mvc.perform(get("/api/v1/customers")
                        .param("q", tag)
                        .param("sort", "displayName,asc")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[*].displayName")
                        .value(org.hamcrest.Matchers.contains(tag + " anna", tag + " Bob", tag + " Carl")));
        mvc.perform(get("/api/v1/customers")
                        .param("q", tag)
                        .param("sort", "displayName,desc")
                        .header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.content[*].displayName")
                        .value(org.hamcrest.Matchers.contains(tag + " Carl", tag + " Bob", tag + " anna")));
    }

    @Test
    void scoresDataQualityPerCustomerAndOnAverage() throws Exception {
        String admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        long sparse = create(admin, "{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"质量测试\"}");
        mvc.perform(get("/api/v1/customers/" + sparse + "/data-quality").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.missing", hasItems("phone", "email", "birthday", "street")))
                .andExpect(jsonPath("$.freshness").value(20))
                .andExpect(jsonPath("$.score").value(lessThan(70)));
        Integer stored = jdbc.sql("SELECT data_quality FROM customer WHERE id = ?")
                .param(sparse)
                .query(Integer.class)
                .single();
        mvc.perform(get("/api/v1/customers/" + sparse + "/data-quality").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.score").value(stored + 20));
        mvc.perform(get("/api/v1/analytics/customers").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.averageDataQuality").value(allOf(greaterThan(30.0), lessThanOrEqualTo(100.0))));
    }

    @Test
    void dataScopesDecideWhoSeesACustomer() throws Exception {
        String rep = Api.token(mvc, "sales.sh.1", IntegrationTest.DEMO_PASSWORD);
        long id = create(rep, "{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"范围测试客户\"}");
        long repId = jdbc.sql("SELECT id FROM app_user WHERE username = 'sales.sh.1'")
                .query(Long.class)
                .single();
        long shanghai = jdbc.sql("SELECT id FROM store WHERE code = 'SH'")
                .query(Long.class)
                .single();
        assertThat(jdbc.sql("SELECT owner_id FROM customer WHERE id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .as("a rep owns what they create")
                .isEqualTo(repId);
        assertThat(jdbc.sql("SELECT store_id FROM customer WHERE id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(shanghai);

        for (String user : List.of("sales.sh.1", "lead.sh", "manager.sh", "service.sh", "marketer", "analyst")) {
            String token = Api.token(mvc, user, IntegrationTest.DEMO_PASSWORD);
            mvc.perform(get("/api/v1/customers/" + id).header("Authorization", bearer(token)))
                    .andExpect(status().isOk());
            mvc.perform(get("/api/v1/customers?q=范围测试").header("Authorization", bearer(token)))
                    .andExpect(jsonPath("$.totalElements").value(1));
        }
        for (String user : List.of("sales.sh.2", "manager.bj", "lead.bj", "service.gz", "dealer.hz")) {
            String token = Api.token(mvc, user, IntegrationTest.DEMO_PASSWORD);
            mvc.perform(get("/api/v1/customers/" + id).header("Authorization", bearer(token)))
                    .andExpect(status().isNotFound());
            mvc.perform(get("/api/v1/customers?q=范围测试").header("Authorization", bearer(token)))
                    .andExpect(jsonPath("$.totalElements").value(0));
            mvc.perform(put("/api/v1/customers/" + id)
                            .header("Authorization", bearer(token))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"改名\"}"))
                    .andExpect(status().isNotFound());
        }
    }

    @Test
    void listCountsMatchTheScopeOfEachRole() throws Exception {
        long all = jdbc.sql("SELECT COUNT(*) FROM customer WHERE merged_into IS NULL")
                .query(Long.class)
                .single();
        String analyst = Api.token(mvc, "analyst", IntegrationTest.DEMO_PASSWORD);
        mvc.perform(get("/api/v1/customers?size=1").header("Authorization", bearer(analyst)))
                .andExpect(jsonPath("$.totalElements").value(all));
        long storeCount = jdbc.sql(
                        "SELECT COUNT(*) FROM customer c JOIN store s ON s.id = c.store_id WHERE s.code = 'BJ' AND c.merged_into IS NULL")
                .query(Long.class)
                .single();
        String manager = Api.token(mvc, "manager.bj", IntegrationTest.DEMO_PASSWORD);
        mvc.perform(get("/api/v1/customers?size=1").header("Authorization", bearer(manager)))
                .andExpect(jsonPath("$.totalElements").value(storeCount));
        long own = jdbc.sql(
                        "SELECT COUNT(*) FROM customer c JOIN app_user u ON u.id = c.owner_id WHERE u.username = 'sales.bj.2'"
                                + " AND c.merged_into IS NULL")
                .query(Long.class)
                .single();
        String rep = Api.token(mvc, "sales.bj.2", IntegrationTest.DEMO_PASSWORD);
        mvc.perform(get("/api/v1/customers?size=1").header("Authorization", bearer(rep)))
                .andExpect(jsonPath("$.totalElements").value(own));
        assertThat(own).isLessThan(storeCount);
    }

    @Test
    void userContentIsEscapedOnPages() throws Exception {
        String admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        long id = create(
                admin, "{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"<script>alert(1)</script>\"}");
        mvc.perform(get("/customers/" + id).header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")))
                .andExpect(content().string(not(containsString("<script>alert(1)</script>"))));
        mvc.perform(get("/customers").param("q", "<script").header("Authorization", bearer(admin)))
                .andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")))
                .andExpect(content().string(not(containsString("<script>alert(1)"))));
    }

    @Test
    void customersOfADeactivatedUserReturnToThePool() throws Exception {
        String admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        long userId = jdbc.sql("SELECT id FROM app_user WHERE username = 'sales.cd.2'")
                .query(Long.class)
                .single();
        long owned = jdbc.sql("SELECT COUNT(*) FROM customer WHERE owner_id = ?")
                .param(userId)
                .query(Long.class)
                .single();
        assertThat(owned).isPositive();
        mvc.perform(post("/api/v1/users/" + userId + "/deactivate").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.enabled").value(false));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM customer WHERE owner_id = ?")
                                .param(userId)
                                .query(Long.class)
                                .single()
                        == 0);
        // other tests' events may be in flight at the same moment; this one's publication must complete
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(jdbc.sql("SELECT COUNT(*) FROM event_publication"
                                        + " WHERE completion_date IS NULL AND event_type LIKE '%UserDeactivated'")
                                .query(Long.class)
                                .single())
                        .as("the event publication was completed")
                        .isZero());
        mvc.perform(post("/api/v1/auth/token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                "{\"username\":\"sales.cd.2\",\"password\":\"" + IntegrationTest.DEMO_PASSWORD + "\"}"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void demoDataIsABelievableBusiness() {
        assertThat(jdbc.sql("SELECT city FROM store ORDER BY code")
                        .query(String.class)
                        .list())
                .containsExactly("北京", "成都", "广州", "杭州", "上海", "深圳");
        assertThat(jdbc.sql("SELECT DISTINCT role FROM app_user")
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder(
                        java.util.Arrays.stream(Role.values()).map(Enum::name).toArray(String[]::new));
        List<String> names = jdbc.sql(
                        "SELECT display_name FROM customer WHERE party_type = 'PERSON' AND family_name IS NOT NULL ORDER BY id LIMIT 50")
                .query(String.class)
                .list();
        assertThat(names).hasSize(50).allSatisfy(n -> assertThat(n).matches("\\p{IsHan}{2,4}"));
        assertThat(jdbc
                        .sql("SELECT phone FROM customer WHERE display_name NOT LIKE '%<%' AND phone IS NOT NULL")
                        .query(String.class)
                        .list()
                        .stream()
                        .map(phone -> personal.decrypt(io.guanxi.customer.domain.PersonalData.Field.PHONE, phone))
                        .filter(phone -> !phone.startsWith("+861"))
                        .count())
                .isLessThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT district) FROM customer")
                        .query(Long.class)
                        .single())
                .isGreaterThan(10);
        // owners followed up their customers on a spread of recent days (nine of them older than a day),
        // so the first pool sweep does not empty the demo business
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT last_follow_up_at) FROM customer WHERE owner_id IS NOT NULL"
                                + " AND last_follow_up_at < ?")
                        .param(java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofDays(1))))
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(9);
        // the demo's rule tags are on the customers they describe
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id"
                                + " JOIN customer c ON c.id = ct.customer_id"
                                + " WHERE t.name = '企业客户' AND c.party_type <> 'ORGANISATION'")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id WHERE t.name = '企业客户'")
                        .query(Long.class)
                        .single())
                .isEqualTo(jdbc.sql(
                                "SELECT COUNT(*) FROM customer WHERE party_type = 'ORGANISATION' AND merged_into IS NULL")
                        .query(Long.class)
                        .single())
                .isPositive();
    }
}
