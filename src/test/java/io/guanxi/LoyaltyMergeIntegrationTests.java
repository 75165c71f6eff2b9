package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.customer.CustomersMerged;
import io.guanxi.loyalty.domain.referral.Referrals;
import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Coupons, referrals and birthday packs follow a customer through a merge, once however often the
 * merge is announced, and back on undo (except what the survivor used meanwhile).
 */
@IntegrationTest
@Tag("postgres")
class LoyaltyMergeIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Referrals referrals;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    String admin;
    long store;
    String sku;

    @BeforeEach
    void setUp() throws Exception {
        admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        store = jdbc.sql("SELECT MIN(id) FROM store").query(Long.class).single();
        sku = "LM-" + UUID.randomUUID().toString().substring(0, 8);
        postJson(
                "/api/v1/products",
                "{\"sku\":\"" + sku + "\",\"name\":\"精洗\",\"categoryCode\":\"SERVICE\","
                        + "\"price\":{\"amount\":\"120.00\",\"currency\":\"CNY\"}}");
    }

    private String postJson(String path, String json) throws Exception {
        return mvc.perform(post(path)
                        .header("Authorization", bearer(admin))
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json))
                .andExpect(status().is2xxSuccessful())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private long newCustomer(String name) throws Exception {
        return Api.firstId(postJson(
                "/api/v1/customers",
                "{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"" + name + "\"}"));
    }

    private String issue(long template, long customer) throws Exception {
        return postJson("/api/v1/customers/" + customer + "/coupons", "{\"templateId\":" + template + "}")
                .replaceAll("(?s).*\"code\":\"([^\"]+)\".*", "$1");
    }

    private long holder(String code) {
        return jdbc.sql("SELECT customer_id FROM coupon WHERE code = ?")
                .param(code)
                .query(Long.class)
                .single();
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void couponsMoveToTheSurvivorOnceAndBackOnUndoExceptWhatTheSurvivorUsed() throws Exception {
        long template = Api.firstId(postJson(
                "/api/v1/loyalty/coupon-templates",
                "{\"name\":\"合并券 " + sku + "\",\"kind\":\"AMOUNT_OFF\",\"amountOff\":10,\"validDays\":30}"));
        long survivor = newCustomer("券合并保留");
        long merged = newCustomer("券合并重复");
        String unused = issue(template, merged);
        String usedLater = issue(template, merged);
        String voided = issue(template, merged);
        postJson("/api/v1/loyalty/coupons/" + voided + "/void", "{\"reason\":\"发错了\"}");
        String own = issue(template, survivor);

        long mergeId = Api.firstId(
                postJson("/api/v1/customers/merges", "{\"survivorId\":" + survivor + ",\"mergedId\":" + merged + "}"));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(count("SELECT COUNT(*) FROM coupon WHERE customer_id = ?", merged))
                        .isZero());
        assertThat(List.of(unused, usedLater, voided, own))
                .allSatisfy(code -> assertThat(holder(code)).isEqualTo(survivor));
        assertThat(jdbc.sql("SELECT state FROM coupon WHERE code = ?")
                        .param(voided)
                        .query(String.class)
                        .single())
                .as("history moves as it was")
                .isEqualTo("VOIDED");

        // The merge announced a second time (a retried publication) moves and records nothing more.
        transactions.executeWithoutResult(tx -> events.publishEvent(new CustomersMerged(mergeId, survivor, merged)));
        String moved = "SELECT COUNT(*) FROM coupon_event WHERE type = 'MOVED' AND reference = ?";
        awaitMergeHandled();
        assertThat(count(moved, "merge:" + mergeId)).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM coupon WHERE template_id = ?", template))
                .isEqualTo(4);

        // The survivor uses a coupon it took over, on its own order.
        postJson(
                "/api/v1/orders",
                "{\"customerId\":" + survivor + ",\"storeId\":" + store
                        + ",\"channel\":\"STORE\",\"lines\":[{\"sku\":\"" + sku
                        + "\",\"quantity\":1}],\"couponCode\":\"" + usedLater + "\"}");

        postJson("/api/v1/customers/merges/" + mergeId + "/undo", "{}");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(holder(unused)).isEqualTo(merged));
        assertThat(holder(voided)).isEqualTo(merged);
        assertThat(holder(usedLater))
                .as("spent by the survivor, stays spent there")
                .isEqualTo(survivor);
        assertThat(holder(own)).isEqualTo(survivor);
        assertThat(count(moved, "unmerge:" + mergeId)).isEqualTo(2);
    }

    /** Every listener of merges has finished (whatever else is in flight). */
    private void awaitMergeHandled() {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(count("SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL"
                                        + " AND event_type LIKE '%CustomersMerged'"))
                                .isZero());
    }

    private static long someId() {
        return 900_000_000L + ThreadLocalRandom.current().nextLong(100_000_000L);
    }

    private long referral(long referrer, long referee, String state, Integer number) {
        jdbc.sql("INSERT INTO referral (referrer_id, referee_id, code, state, referred_at, qualified_at,"
                        + " success_number, actor) VALUES (?, ?, 'TESTCODE', ?, ?, ?, ?, 'test')")
                .params(
                        referrer,
                        referee,
                        state,
                        Timestamp.from(Instant.now()),
                        number == null ? null : Timestamp.from(Instant.now()),
                        number)
                .update();
        return jdbc.sql("SELECT id FROM referral WHERE referee_id = ?")
                .param(referee)
                .query(Long.class)
                .single();
    }

    private List<Object> row(long id) {
        return jdbc.sql("SELECT referrer_id, referee_id, success_number FROM referral WHERE id = ?")
                .param(id)
                .query((rs, n) ->
                        java.util.Arrays.<Object>asList(rs.getLong(1), rs.getLong(2), rs.getObject(3, Integer.class)))
                .single();
    }

    @Test
    void referralsAndTheCodeFollowTheMergeWithUniqueSuccessNumbersAndGoBackOnUndo() throws Exception {
        long survivor = newCustomer("推荐合并保留");
        long merged = newCustomer("推荐合并重复");
        long broughtByMerged = referral(merged, someId(), "QUALIFIED", 1);
        long pendingOfMerged = referral(merged, someId(), "PENDING", null);
        long broughtBySurvivor = referral(survivor, someId(), "QUALIFIED", 1);
        long whoBroughtMerged = someId();
        long mergedAsReferee = referral(whoBroughtMerged, merged, "PENDING", null);
        String code = referrals.codeFor(merged);

        long mergeId = Api.firstId(
                postJson("/api/v1/customers/merges", "{\"survivorId\":" + survivor + ",\"mergedId\":" + merged + "}"));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(row(broughtByMerged).get(0)).isEqualTo(survivor));
        assertThat(row(broughtByMerged).get(2))
                .as("numbered after the survivor's own")
                .isEqualTo(2);
        assertThat(row(pendingOfMerged))
                .containsExactly(survivor, row(pendingOfMerged).get(1), null);
        assertThat(row(broughtBySurvivor).get(2)).isEqualTo(1);
        assertThat(row(mergedAsReferee)).containsExactly(whoBroughtMerged, survivor, null);
        assertThat(referrals.successes(survivor)).isEqualTo(2);
        assertThat(referrals.owner(code)).as("a shared code keeps working").contains(survivor);

        postJson("/api/v1/customers/merges/" + mergeId + "/undo", "{}");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(row(broughtByMerged).get(0)).isEqualTo(merged));
        assertThat(row(broughtByMerged).get(2)).isEqualTo(1);
        assertThat(row(pendingOfMerged).get(0)).isEqualTo(merged);
        assertThat(row(mergedAsReferee).get(1)).isEqualTo(merged);
        assertThat(referrals.successes(survivor)).isEqualTo(1);
        assertThat(referrals.owner(code)).contains(merged);
    }

    @Test
    void aReferralBetweenTheTwoRecordsStaysWhereItIs() throws Exception {
        long survivor = newCustomer("自荐保留");
        long merged = newCustomer("自荐重复");
        long selfReferral = referral(survivor, merged, "PENDING", null);

        postJson("/api/v1/customers/merges", "{\"survivorId\":" + survivor + ",\"mergedId\":" + merged + "}");
        awaitMergeHandled();
        assertThat(row(selfReferral)).containsExactly(survivor, merged, null);
        assertThat(referrals.byReferee(survivor)).isEmpty();
    }

    @Test
    void aCatalogueLimitIsThePersonsAcrossMergedRecordsAndEachRecordsOwnAgainAfterUndo() throws Exception {
        long item = Api.firstId(postJson(
                "/api/v1/loyalty/catalogue",
                "{\"name\":\"年度礼 " + sku + "\",\"kind\":\"GIFT\",\"pointsPrice\":10,\"perCustomerLimit\":1}"));
        long survivor = newCustomer("礼品合并保留");
        long merged = newCustomer("礼品合并重复");
        for (long customer : List.of(survivor, merged)) {
            postJson("/api/v1/customers/" + customer + "/points/adjustments", "{\"points\":100,\"reason\":\"开户\"}");
        }
        String redeem = "{\"itemId\":" + item + "}";
        postJson("/api/v1/customers/" + merged + "/points/redemptions", redeem);

        long mergeId = Api.firstId(
                postJson("/api/v1/customers/merges", "{\"survivorId\":" + survivor + ",\"mergedId\":" + merged + "}"));
        mvc.perform(post("/api/v1/customers/" + survivor + "/points/redemptions")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(redeem))
                .andExpect(status().isConflict());
        assertThat(count("SELECT COUNT(*) FROM reward_redemption WHERE item_id = ?", item))
                .isEqualTo(1);

        postJson("/api/v1/customers/merges/" + mergeId + "/undo", "{}");
        postJson("/api/v1/customers/" + survivor + "/points/redemptions", redeem);
        assertThat(count(
                        "SELECT COUNT(*) FROM reward_redemption WHERE item_id = ? AND customer_id = ?", item, survivor))
                .isEqualTo(1);
    }
}
