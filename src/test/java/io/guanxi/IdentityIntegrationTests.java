package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Users, passwords, sign-in throttling and the audit log, against the real database. */
@IntegrationTest
@Tag("postgres")
class IdentityIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void passwordsAreStoredAsArgon2Hashes() {
        String hash = jdbc.sql("SELECT password_hash FROM app_user WHERE username = 'admin'")
                .query(String.class)
                .single();
        assertThat(hash).startsWith("{argon2}$argon2id$").doesNotContain(IntegrationTest.ADMIN_PASSWORD);
    }

    @Test
    void apiTokensAreStoredOnlyAsHashes() throws Exception {
        String token = Api.token(mvc, "analyst", IntegrationTest.DEMO_PASSWORD);
        long plain = jdbc.sql("SELECT COUNT(*) FROM api_token WHERE token_hash = ?")
                .param(token)
                .query(Long.class)
                .single();
        assertThat(plain).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token t JOIN app_user u ON u.id = t.user_id"
                                + " WHERE u.username = 'analyst'")
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    @Test
    void throttlesSignInAfterRepeatedFailuresEvenWithTheRightPassword() throws Exception {
        String body = "{\"username\":\"service.cd\",\"password\":\"%s\"}";
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/api/v1/auth/token")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body.formatted("wrong-password-" + i)))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(post("/api/v1/auth/token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted(IntegrationTest.DEMO_PASSWORD)))
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.status").value(429));
        mvc.perform(post("/login")
                        .with(csrf())
                        .param("username", "service.cd")
                        .param("password", IntegrationTest.DEMO_PASSWORD))
                .andExpect(redirectedUrl("/login?locked"));
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM audit_event WHERE actor_name = 'service.cd' AND action = 'LOGIN_THROTTLED'")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void formSignInNeedsTheCsrfToken() throws Exception {
        mvc.perform(post("/login").param("username", "admin").param("password", IntegrationTest.ADMIN_PASSWORD))
                .andExpect(status().isForbidden());
        mvc.perform(post("/login")
                        .with(csrf())
                        .param("username", "admin")
                        .param("password", IntegrationTest.ADMIN_PASSWORD))
                .andExpect(redirectedUrl("/"));
    }

    @Test
    void theAuditLogIsAppendOnly() {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event")
                        .query(Long.class)
                        .single())
                .isPositive();
        assertThatThrownBy(() ->
                        jdbc.sql("UPDATE audit_event SET action = 'FORGED'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event").update()).hasMessageContaining("append-only");
    }

    @Test
    void adminsManageUsersAndEveryChangeIsAudited() throws Exception {
        String admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        long storeId = jdbc.sql("SELECT id FROM store WHERE code = 'GZ'")
                .query(Long.class)
                .single();
        String created = mvc.perform(post("/api/v1/users")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"Chen.Jie\",\"displayName\":\"陈杰\",\"email\":\"Chen.Jie@Example.com\","
                                + "\"password\":\"a-long-password\",\"role\":\"SALES\",\"storeId\":" + storeId + "}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.username").value("chen.jie"))
                .andExpect(jsonPath("$.email").value("chen.jie@example.com"))
                .andExpect(jsonPath("$.scope").value("OWN"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        long id = Api.firstId(created);
        mvc.perform(
                        post("/api/v1/users")
                                .header("Authorization", bearer(admin))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"username\":\"chen.jie\",\"displayName\":\"x\",\"password\":\"a-long-password\",\"role\":\"SALES\"}"))
                .andExpect(status().isConflict());
        mvc.perform(
                        post("/api/v1/users")
                                .header("Authorization", bearer(admin))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"username\":\"short.pw\",\"displayName\":\"x\",\"password\":\"short\",\"role\":\"SALES\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("password"));
        mvc.perform(put("/api/v1/users/" + id)
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"displayName\":\"陈杰\",\"role\":\"MANAGER\",\"storeId\":" + storeId + "}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.role").value("MANAGER"))
                .andExpect(jsonPath("$.scope").value("STORE"));
        mvc.perform(get("/api/v1/audit?entityType=user&entityId=" + id + "&sort=occurredAt,asc")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].action").value("USER_CREATED"))
                .andExpect(jsonPath("$.content[0].actorName").value("admin"))
                .andExpect(jsonPath("$.content[0].remoteAddr").value("127.0.0.1"))
                .andExpect(jsonPath("$.content[1].action").value("USER_UPDATED"));
        mvc.perform(get("/api/v1/audit?from=yesterday").header("Authorization", bearer(admin)))
                .andExpect(status().isBadRequest());
    }

    @Test
    void adminPagesAreClosedToOtherRoles() throws Exception {
        String manager = Api.token(mvc, "manager.sh", IntegrationTest.DEMO_PASSWORD);
        mvc.perform(get("/api/v1/users").header("Authorization", bearer(manager)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.status").value(403));
        mvc.perform(get("/admin/users").header("Authorization", bearer(manager)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin/users")).andExpect(redirectedUrl("/login"));
    }
}
