package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The people to talk to at an organisation customer. */
@IntegrationTest
@Tag("postgres")
class CustomerContactIntegrationTests {

    @Autowired
    MockMvc mvc;

    private long create(String token, String path, String json) throws Exception {
        return Api.firstId(mvc.perform(post(path)
                        .header("Authorization", bearer(token))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    @Test
    void organisationsHaveContactsWithOnePrimary() throws Exception {
        String admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        long company = create(
                admin,
                "/api/v1/customers",
                "{\"partyType\":\"ORGANISATION\",\"kind\":\"PROJECT\",\"displayName\":\"杭州某某建设有限公司\"}");
        String contacts = "/api/v1/customers/" + company + "/contacts";
        create(admin, contacts, "{\"name\":\"张工\",\"title\":\"项目经理\",\"phone\":\"139 0000 1111\",\"primary\":true}");
        long buyer = create(
                admin,
                contacts,
                "{\"name\":\"李采购\",\"title\":\"采购经理\",\"email\":\" Li@Example.COM \",\"primary\":true}");
        mvc.perform(get(contacts).header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].id").value(buyer)) // the primary contact first: the mark moved
                .andExpect(jsonPath("$[0].email").value("li@example.com"))
                .andExpect(jsonPath("$[1].primary").value(false))
                .andExpect(jsonPath("$[1].phone").value("+8613900001111"));
        String analyst = Api.token(mvc, "analyst", IntegrationTest.DEMO_PASSWORD);
        mvc.perform(get(contacts).header("Authorization", bearer(analyst)))
                .andExpect(jsonPath("$[1].phone").value("139****1111"));

        mvc.perform(post(contacts)
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"王\",\"phone\":\"not a phone\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("phone"));
        long person = create(
                admin, "/api/v1/customers", "{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"个人客户\"}");
        mvc.perform(post("/api/v1/customers/" + person + "/contacts")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"某人\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(delete(contacts + "/" + buyer).header("Authorization", bearer(admin)))
                .andExpect(status().isNoContent());
        mvc.perform(get(contacts).header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.length()").value(1));
    }
}
