package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Fields a business defines: typed values, list filters and rule tags on them. */
@IntegrationTest
@Tag("postgres")
class CustomFieldIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    private String json(
            String admin,
            org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
            String body,
            int status)
            throws Exception {
        return mvc.perform(request.header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().is(status))
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    @Test
    void typedValuesAreCheckedFilteredAndUsableInRules() throws Exception {
        String admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        String suffix = String.valueOf(System.nanoTime() % 1_000_000);
        json(
                admin,
                post("/api/v1/customer-fields"),
                "{\"key\":\"car_" + suffix + "\",\"label\":\"车型\",\"type\":\"CHOICE\",\"choices\":[\"轿车\",\"SUV\"]}",
                201);
        json(
                admin,
                post("/api/v1/customer-fields"),
                "{\"key\":\"area_" + suffix + "\",\"label\":\"面积\",\"type\":\"NUMBER\"}",
                201);
        json(
                admin,
                post("/api/v1/customer-fields"),
                "{\"key\":\"area_" + suffix + "\",\"label\":\"again\",\"type\":\"TEXT\"}",
                409);
        json(admin, post("/api/v1/customer-fields"), "{\"key\":\"Bad Key\",\"label\":\"x\",\"type\":\"TEXT\"}", 400);

        long big = Api.firstId(json(
                admin,
                post("/api/v1/customers"),
                "{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"大户型\"}",
                201));
        long small = Api.firstId(json(
                admin,
                post("/api/v1/customers"),
                "{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"小户型\"}",
                201));
        json(
                admin,
                put("/api/v1/customers/" + big + "/fields"),
                "{\"car_" + suffix + "\":\"suv\",\"area_" + suffix + "\":\"1,280.50\"}",
                200);
        json(
                admin,
                put("/api/v1/customers/" + small + "/fields"),
                "{\"car_" + suffix + "\":\"轿车\",\"area_" + suffix + "\":\"86\"}",
                200);
        mvc.perform(get("/api/v1/customers/" + big + "/fields").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.car_" + suffix).value("SUV"))
                .andExpect(jsonPath("$.area_" + suffix).value("1280.5"));

        String refused = json(
                admin,
                put("/api/v1/customers/" + small + "/fields"),
                "{\"car_" + suffix + "\":\"tractor\",\"area_" + suffix + "\":\"big\",\"nope\":\"x\"}",
                400);
        assertThat(refused).contains("car_" + suffix, "area_" + suffix, "nope");
        mvc.perform(get("/api/v1/customers/" + small + "/fields").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.area_" + suffix).value("86")); // nothing half-written

        mvc.perform(get("/api/v1/customers").param("field.car_" + suffix, "SUV").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.content[0].id").value(big));

        long tag = Api.firstId(json(
                admin,
                post("/api/v1/tags"),
                "{\"name\":\"大面积 " + suffix + "\",\"rule\":{\"all\":[" + "{\"field\":\"custom.area_" + suffix
                        + "\",\"op\":\"gte\",\"value\":\"1000\"}]}}",
                201));
        assertThat(jdbc.sql("SELECT customer_id FROM customer_tag WHERE tag_id = ?")
                        .param(tag)
                        .query(Long.class)
                        .list())
                .containsExactly(big);
        json(admin, put("/api/v1/customers/" + small + "/fields"), "{\"area_" + suffix + "\":\"2000\"}", 200);
        assertThat(jdbc.sql("SELECT customer_id FROM customer_tag WHERE tag_id = ? ORDER BY customer_id")
                        .param(tag)
                        .query(Long.class)
                        .list())
                .containsExactlyInAnyOrder(big, small);

        String csv = mvc.perform(get("/api/v1/customers/export")
                        .param("field.car_" + suffix, "SUV")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        String[] lines = csv.strip().split("\r?\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).contains("field.car_" + suffix, "field.area_" + suffix);
        assertThat(lines[1]).startsWith(big + ",").contains(",SUV,").endsWith(",1280.5");
    }
}
