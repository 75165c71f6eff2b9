package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Points that only the rules or an audited hand create, and calls a client may retry: bonus points
 * are granted by those who may correct points, once per source and audited; referral rewards come
 * only from the referral programme; a catalogue redemption with a reference happens once; an
 * adjustment beyond any sensible size is a 400, not an overflow.
 */
@IntegrationTest
@Tag("postgres")
class PointsSafeguardsIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    String admin;
    String sales;
    long customer;

    @BeforeEach
    void setUp() throws Exception {
        admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        sales = Api.token(mvc, "sales.sh.1", IntegrationTest.DEMO_PASSWORD);
        customer = Api.firstId(body(call(
                        admin,
                        "/api/v1/customers",
                        "{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"积分防护\"}")
                .andExpect(status().isCreated())));
    }

    private ResultActions call(String token, String path, String json) throws Exception {
        return mvc.perform(post(path)
                .header("Authorization", bearer(token))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json));
    }

    private static String body(ResultActions result) throws Exception {
        return result.andReturn().getResponse().getContentAsString();
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private static String redemptionId(String json) {
        return json.replaceAll("(?s).*\"redemptionId\":(\\d+).*", "$1");
    }

    private long ledgerSum() {
        return count("SELECT COALESCE(SUM(points), 0) FROM points_movement WHERE customer_id = ?", customer);
    }

    @Test
    void bonusPointsAreGrantedOnlyByThoseWhoMayCorrectPointsOnceAndAudited() throws Exception {
        String awards = "/api/v1/customers/" + customer + "/points/awards";
        String activity = "{\"kind\":\"ACTIVITY\",\"code\":\"REVIEW\",\"reference\":\"review-1\"}";
        call(sales, awards, activity).andExpect(status().isForbidden());
        assertThat(ledgerSum()).isZero();

        call(admin, awards, activity)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.movement.points").value(20));
        call(admin, awards, activity)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.movement.points").value(20));
        assertThat(ledgerSum()).as("a repeat answers the first award").isEqualTo(20);
        assertThat(count(
                        "SELECT COUNT(*) FROM audit_event WHERE action = 'points.award' AND entity_id = ?",
                        String.valueOf(customer)))
                .as("the award is audited once")
                .isEqualTo(1);

        call(admin, awards, "{\"kind\":\"REFERRAL\",\"reference\":\"someone\"}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(ledgerSum())
                .as("referral rewards come only from the referral programme")
                .isEqualTo(20);
    }

    @Test
    void aCatalogueRedemptionWithAReferenceHappensOnce() throws Exception {
        call(admin, "/api/v1/customers/" + customer + "/points/adjustments", "{\"points\":1000,\"reason\":\"开户\"}")
                .andExpect(status().isCreated());
        String name = "保养券 " + UUID.randomUUID().toString().substring(0, 8);
        long item = Api.firstId(body(call(
                        admin,
                        "/api/v1/loyalty/catalogue",
                        "{\"name\":\"" + name + "\",\"kind\":\"SERVICE\",\"pointsPrice\":300,\"stock\":5}")
                .andExpect(status().isCreated())));
        long other = Api.firstId(body(call(
                        admin,
                        "/api/v1/loyalty/catalogue",
                        "{\"name\":\"" + name + " B\",\"kind\":\"SERVICE\",\"pointsPrice\":300,\"stock\":5}")
                .andExpect(status().isCreated())));
        String redemptions = "/api/v1/customers/" + customer + "/points/redemptions";
        String first = body(call(admin, redemptions, "{\"itemId\":" + item + ",\"reference\":\"retry-7\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.stockLeft").value(4)));
        String replay = body(call(admin, redemptions, "{\"itemId\":" + item + ",\"reference\":\"retry-7\"}")
                .andExpect(status().isCreated()));
        assertThat(redemptionId(replay))
                .as("the first redemption, answered again")
                .isEqualTo(redemptionId(first));
        call(admin, redemptions, "{\"itemId\":" + other + ",\"reference\":\"retry-7\"}")
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        assertThat(ledgerSum()).isEqualTo(700);
        assertThat(count("SELECT COUNT(*) FROM reward_redemption WHERE customer_id = ?", customer))
                .isEqualTo(1);
        assertThat(count("SELECT stock FROM reward_item WHERE id = ?", item)).isEqualTo(4);
        assertThat(count("SELECT stock FROM reward_item WHERE id = ?", other)).isEqualTo(5);
    }

    @Test
    void anAdjustmentBeyondAnySensibleSizeIsABadRequest() throws Exception {
        String adjustments = "/api/v1/customers/" + customer + "/points/adjustments";
        call(admin, adjustments, "{\"points\":" + Long.MIN_VALUE + ",\"reason\":\"slip\"}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        call(admin, adjustments, "{\"points\":" + Long.MAX_VALUE + ",\"reason\":\"slip\"}")
                .andExpect(status().isBadRequest());
        assertThat(ledgerSum()).isZero();
    }
}
