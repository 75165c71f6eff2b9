package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** API conventions: bearer tokens, problem details for every kind of bad input, paging, docs. */
@IntegrationTest
@Tag("postgres")
class ApiConventionsIntegrationTests {

    @Autowired
    MockMvc mvc;

    String admin;

    @BeforeEach
    void signIn() throws Exception {
        admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
    }

    @Test
    void tokenAuthenticatesUntilRevoked() throws Exception {
        String token = Api.token(mvc, "marketer", IntegrationTest.DEMO_PASSWORD);
        mvc.perform(get("/api/v1/me").header("Authorization", bearer(token)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.user.username").value("marketer"))
                .andExpect(jsonPath("$.user.role").value("MARKETER"))
                .andExpect(jsonPath("$.permissions", hasItem("MARKETING_USE")));
        String tokens = mvc.perform(get("/api/v1/auth/tokens").header("Authorization", bearer(token)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].active").value(true))
                .andReturn()
                .getResponse()
                .getContentAsString();
        long id = Api.firstId(tokens);
        mvc.perform(delete("/api/v1/auth/tokens/" + id).header("Authorization", bearer(token)))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/me").header("Authorization", bearer(token)))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void tokenResponseCarriesAnIsoExpiry() throws Exception {
        mvc.perform(post("/api/v1/auth/token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"admin\",\"password\":\"" + IntegrationTest.ADMIN_PASSWORD + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.expiresAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*Z")));
    }

    @Test
    void wrongPasswordIsAProblem() throws Exception {
        mvc.perform(post("/api/v1/auth/token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"analyst\",\"password\":\"not-the-password\"}"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail").value("Wrong username or password"));
    }

    @Test
    void unknownTokenAndMissingTokenAreUnauthorized() throws Exception {
        mvc.perform(get("/api/v1/customers").header("Authorization", "Bearer gx_nonsense"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.status").value(401));
        mvc.perform(get("/api/v1/customers"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void malformedJsonIsABadRequest() throws Exception {
        mvc.perform(post("/api/v1/customers")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"partyType\": \"PERSON\", "))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("Malformed JSON")))
                .andExpect(jsonPath("$.trace").doesNotExist());
    }

    @Test
    void wrongTypesAndUnknownValuesNameTheField() throws Exception {
        mvc.perform(
                        post("/api/v1/customers")
                                .header("Authorization", bearer(admin))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"王小明\",\"storeId\":\"abc\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("storeId"));
        mvc.perform(post("/api/v1/customers")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"partyType\":\"ROBOT\",\"kind\":\"RETAIL\",\"displayName\":\"王小明\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("partyType"));
    }

    @Test
    void unknownFieldsAreRejected() throws Exception {
        mvc.perform(post("/api/v1/customers")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"王小明\",\"vip\":true}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("vip"))
                .andExpect(jsonPath("$.errors[0].message").value("unknown field"));
    }

    @Test
    void missingAndInvalidFieldsAreListed() throws Exception {
        mvc.perform(post("/api/v1/customers")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"displayName\":\"王小明\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("partyType")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("kind")));
        mvc.perform(
                        post("/api/v1/customers")
                                .header("Authorization", bearer(admin))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"王小明\",\"phone\":\"call me\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("phone"));
    }

    @Test
    void oversizedBodiesAreRefused() throws Exception {
        String huge = "{\"displayName\":\"" + "x".repeat(1_100_000) + "\"}";
        mvc.perform(post("/api/v1/customers")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(huge))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.status").value(413));
    }

    @Test
    void badPagingParametersAreBadRequests() throws Exception {
        for (String query :
                new String[] {"page=-1", "size=0", "size=5000", "page=abc", "sort=password", "sort=city,up"}) {
            mvc.perform(get("/api/v1/customers?" + query).header("Authorization", bearer(admin)))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.status").value(400))
                    .andExpect(jsonPath("$.errors[0].field").exists());
        }
    }

    @Test
    void listsArePagedAndSorted() throws Exception {
        mvc.perform(get("/api/v1/customers?page=1&size=7&sort=displayName,asc").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page").value(1))
                .andExpect(jsonPath("$.size").value(7))
                .andExpect(jsonPath("$.content.length()").value(7))
                .andExpect(jsonPath("$.totalElements").isNumber());
    }

    @Test
    void wrongPathTypesAndMissingRecordsAreProblems() throws Exception {
        mvc.perform(get("/api/v1/customers/abc").header("Authorization", bearer(admin)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.status").value(400));
        mvc.perform(get("/api/v1/customers/987654321").header("Authorization", bearer(admin)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("Customer 987654321 not found"));
        mvc.perform(delete("/api/v1/customers").header("Authorization", bearer(admin)))
                .andExpect(status().isMethodNotAllowed());
    }

    @Test
    void publishesOpenApiWithBearerSecurity() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/customers']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/auth/token']").exists())
                .andExpect(
                        jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"));
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
    }

    @Test
    void healthIsPublicAndMetricsNeedTheRight() throws Exception {
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
        String marketer = Api.token(mvc, "marketer", IntegrationTest.DEMO_PASSWORD);
        mvc.perform(get("/actuator/prometheus").header("Authorization", bearer(marketer)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/actuator/prometheus").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("jvm_memory_used_bytes")));
    }

    @Test
    void namesEveryRequestAndSendsSecureHeaders() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(header().exists("X-Request-Id"))
                .andExpect(header().string("Content-Security-Policy", containsString("default-src 'self'")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"));
        mvc.perform(get("/login").header("X-Request-Id", "abc-123"))
                .andExpect(header().string("X-Request-Id", "abc-123"));
        mvc.perform(get("/login").header("X-Request-Id", "<bad id>"))
                .andExpect(header().string("X-Request-Id", not("<bad id>")));
    }
}
