package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.customer.CustomerApi;
import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Manual tags, and rule tags that follow the data behind them: profile changes and other modules' figures. */
@IntegrationTest
@Tag("postgres")
class CustomerTagIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CustomerApi customerApi;

    String admin;
    String city;

    @BeforeEach
    void setUp() throws Exception {
        admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        city = "标签市" + System.nanoTime() % 1_000_000;
    }

    private long create(String path, String json) throws Exception {
        return Api.firstId(mvc.perform(post(path)
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    private long customer(String name, LocalDate birthday) throws Exception {
        return create(
                "/api/v1/customers",
                "{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"" + name + "\",\"city\":\"" + city
                        + "\",\"birthday\":\"" + birthday + "\"}");
    }

    private List<Long> tagged(long tagId) {
        return jdbc.sql("SELECT customer_id FROM customer_tag WHERE tag_id = ? ORDER BY customer_id")
                .param(tagId)
                .query(Long.class)
                .list();
    }

    @Test
    void ruleTagsFollowProfileChanges() throws Exception {
        long older = customer("年长", LocalDate.now().minusYears(40));
        long younger = customer("年轻", LocalDate.now().minusYears(20));
        long tag = create(
                "/api/v1/tags",
                "{\"name\":\"" + city + "三十以上\",\"rule\":{\"all\":["
                        + "{\"field\":\"city\",\"op\":\"eq\",\"value\":\"" + city + "\"},"
                        + "{\"field\":\"age\",\"op\":\"gte\",\"value\":\"30\"}]}}");
        assertThat(tagged(tag)).containsExactly(older);

        mvc.perform(put("/api/v1/customers/" + younger)
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"年轻\",\"city\":\""
                                + city + "\",\"birthday\":\"1970-01-01\"}"))
                .andExpect(status().isOk());
        mvc.perform(put("/api/v1/customers/" + older)
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"年长\",\"city\":\"别处\","
                                + "\"birthday\":\"1970-01-01\"}"))
                .andExpect(status().isOk());
        assertThat(tagged(tag)).containsExactly(younger);

        mvc.perform(get("/api/v1/customers").param("tagId", String.valueOf(tag)).header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.content[0].id").value(younger));
        mvc.perform(get("/api/v1/customers/" + younger + "/tags").header("Authorization", bearer(admin)))
                .andExpect(
                        jsonPath("$[?(@.id == " + tag + ")].rule.all[1].field").value("age"));
    }

    @Test
    void ruleTagsUseFiguresFromOtherModules() throws Exception {
        long buyer = customer("常客", LocalDate.of(1990, 1, 1));
        long tag = create(
                "/api/v1/tags",
                "{\"name\":\"" + city + "常客\",\"rule\":{\"all\":["
                        + "{\"field\":\"city\",\"op\":\"eq\",\"value\":\"" + city + "\"},"
                        + "{\"field\":\"metric.service.tickets\",\"op\":\"gte\",\"value\":\"3\"}]}}");
        assertThat(tagged(tag)).isEmpty();
        customerApi.recordMetrics(
                buyer, Map.of("service.tickets", new BigDecimal("3"), "service.spend", new BigDecimal("420.50")));
        assertThat(tagged(tag)).containsExactly(buyer);
        mvc.perform(get("/api/v1/customers/" + buyer + "/metrics").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$['service.spend']").value(420.5));
        customerApi.recordMetrics(buyer, Map.of("service.tickets", new BigDecimal("2")));
        assertThat(tagged(tag)).isEmpty();
    }

    @Test
    void anyGroupsMatchWhenOneOfTheirConditionsHolds() throws Exception {
        long older = customer("年长任一", LocalDate.now().minusYears(40));
        long buyer = customer("常买任一", LocalDate.now().minusYears(20));
        long neither = customer("都不是", LocalDate.now().minusYears(20));
        customerApi.recordMetrics(buyer, Map.of("service.tickets", new BigDecimal("5")));
        long tag = create(
                "/api/v1/tags",
                "{\"name\":\"" + city + "年长或常买\",\"rule\":{"
                        + "\"all\":[{\"field\":\"city\",\"op\":\"eq\",\"value\":\"" + city + "\"}],"
                        + "\"any\":[{\"field\":\"age\",\"op\":\"gte\",\"value\":\"30\"},"
                        + "{\"field\":\"metric.service.tickets\",\"op\":\"gte\",\"value\":\"3\"}]}}");
        assertThat(tagged(tag)).containsExactly(older, buyer).doesNotContain(neither);
        customerApi.recordMetrics(buyer, Map.of("service.tickets", new BigDecimal("1")));
        assertThat(tagged(tag)).containsExactly(older);

        mvc.perform(post("/api/v1/tags")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"empty " + city + "\",\"rule\":{\"all\":[],\"any\":[]}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("rule"));
    }

    @Test
    void manualTagsAreGivenAndTakenByHandOnly() throws Exception {
        long someone = customer("手动", LocalDate.of(1990, 1, 1));
        long vip = create("/api/v1/tags", "{\"name\":\"" + city + " VIP\",\"description\":\"hand-picked\"}");
        mvc.perform(post("/api/v1/customers/" + someone + "/tags")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"tagId\":" + vip + "}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == " + vip + ")].name").value(city + " VIP"));
        assertThat(tagged(vip)).containsExactly(someone);
        mvc.perform(delete("/api/v1/customers/" + someone + "/tags/" + vip).header("Authorization", bearer(admin)))
                .andExpect(status().isNoContent());
        assertThat(tagged(vip)).isEmpty();

        long rule = create(
                "/api/v1/tags",
                "{\"name\":\"" + city + " rule\",\"rule\":{\"all\":[{\"field\":\"hasEmail\","
                        + "\"op\":\"is\",\"value\":\"true\"}]}}");
        mvc.perform(post("/api/v1/customers/" + someone + "/tags")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"tagId\":" + rule + "}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void refusesRulesThatCannotRunAndDuplicateNames() throws Exception {
        for (String condition : List.of(
                "{\"field\":\"shoeSize\",\"op\":\"eq\",\"value\":\"42\"}",
                "{\"field\":\"kind\",\"op\":\"eq\",\"value\":\"SPACESHIP\"}",
                "{\"field\":\"age\",\"op\":\"gte\",\"value\":\"old\"}",
                "{\"field\":\"city\",\"op\":\"gte\",\"value\":\"x\"}",
                "{\"field\":\"metric.x; DROP TABLE tag\",\"op\":\"gte\",\"value\":\"1\"}")) {
            mvc.perform(post("/api/v1/tags")
                            .header("Authorization", bearer(admin))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"name\":\"bad " + city + "\",\"rule\":{\"all\":[" + condition + "]}}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("rule"));
        }
        create("/api/v1/tags", "{\"name\":\"twice " + city + "\"}");
        mvc.perform(post("/api/v1/tags")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"twice " + city + "\"}"))
                .andExpect(status().isConflict());
    }
}
