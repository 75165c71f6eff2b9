package io.guanxi.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Small helpers for API tests: sign in for a bearer token. */
public final class Api {

    private Api() {}

    public static String token(MockMvc mvc, String username, String password) throws Exception {
        MvcResult result = mvc.perform(post("/api/v1/auth/token")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
                .andExpect(status().isOk())
                .andReturn();
        String body = result.getResponse().getContentAsString();
        String token = body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        assertThat(token).startsWith("gx_");
        return token;
    }

    /** The first {@code "id"} in a JSON body. */
    public static long firstId(String json) {
        return Long.parseLong(json.replaceAll("(?s).*?\"id\":(\\d+).*", "$1"));
    }

    /** Adds a product priced in yuan and answers its SKU, made unique from {@code prefix}. */
    public static String product(MockMvc mvc, String token, String prefix, String name, String category, String price)
            throws Exception {
        String sku = prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/api/v1/products")
                        .header("Authorization", bearer(token))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"categoryCode\":\"" + category
                                + "\",\"price\":{\"amount\":\"" + price + "\",\"currency\":\"CNY\"}}"))
                .andExpect(status().isCreated());
        return sku;
    }

    /** Records the customer's yes to email, as a store form does. */
    public static void consentToEmail(MockMvc mvc, String token, long customerId) throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                                "/api/v1/customers/" + customerId + "/consents")
                        .header("Authorization", bearer(token))
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content("{\"channel\":\"EMAIL\",\"granted\":true,\"source\":\"store form\"}"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status()
                        .isOk());
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
