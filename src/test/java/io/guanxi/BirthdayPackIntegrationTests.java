package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.loyalty.domain.birthday.BirthdayPacks;
import io.guanxi.loyalty.jobs.BirthdayPackIssuer;
import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import io.guanxi.support.TierProgrammeJson;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The tiers' birthday packs: configured through the tier API and form, given by the daily job on the
 * member's birthday (a coupon of the tier's template and the tier's points) exactly once per customer
 * and year however often and however concurrently the job runs, on the timeline with its own filter
 * chip, and following a merge so the person gets no second pack that year.
 */
@IntegrationTest
@Tag("postgres")
class BirthdayPackIntegrationTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    BirthdayPackIssuer issuer;

    @Autowired
    BirthdayPacks packs;

    String admin;

    @BeforeEach
    void setUp() throws Exception {
        admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
    }

    private String call(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String json)
            throws Exception {
        return mvc.perform(request.header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json))
                .andExpect(status().is2xxSuccessful())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    /** A customer born on today's month and day (in a leap year, so 29 February exists), holding a tier. */
    private long member(String tier) throws Exception {
        LocalDate today = LocalDate.now(SHANGHAI);
        LocalDate birthday = LocalDate.of(1992, today.getMonth(), today.getDayOfMonth());
        long id = Api.firstId(call(
                post("/api/v1/customers"),
                "{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"寿星会员\",\"birthday\":\"" + birthday
                        + "\"}"));
        jdbc.sql("INSERT INTO points_account (customer_id, tier, balance, created_at) VALUES (?, ?, 0, ?)")
                .params(id, tier, Timestamp.from(Instant.now()))
                .update();
        return id;
    }

    private long template() throws Exception {
        return Api.firstId(call(
                post("/api/v1/loyalty/coupon-templates"),
                "{\"name\":\"生日券 " + UUID.randomUUID().toString().substring(0, 6)
                        + "\",\"kind\":\"AMOUNT_OFF\",\"amountOff\":50,\"validDays\":30}"));
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private void birthdayCoupon(String tier, Long template) {
        jdbc.sql("UPDATE loyalty_tier SET birthday_coupon_template_id = ? WHERE code = ?")
                .params(template, tier)
                .update();
    }

    @Test
    void theJobGivesEachMemberTheirTiersPackOncePerYearEvenWhenItRunsTwiceAtOnce() throws Exception {
        long template = template();
        long gold = member("GOLD");
        long standard = member("STANDARD");
        birthdayCoupon("GOLD", template);
        try {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<BirthdayPacks.Result>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> packs.run()));
            }
            for (Future<BirthdayPacks.Result> run : runs) {
                run.get();
            }
            pool.shutdown();
            issuer.run();
        } finally {
            birthdayCoupon("GOLD", null);
        }
        int year = LocalDate.now(SHANGHAI).getYear();
        String source = "birthday-pack:" + gold + ":" + year;
        assertThat(count("SELECT COUNT(*) FROM loyalty_birthday_pack WHERE customer_id = ?", gold))
                .isEqualTo(1);
        assertThat(count(
                        "SELECT COUNT(*) FROM coupon WHERE customer_id = ? AND template_id = ? AND issued_via = 'BIRTHDAY_PACK'",
                        gold,
                        template))
                .isEqualTo(1);
        assertThat(count("SELECT coupon_id FROM loyalty_birthday_pack WHERE customer_id = ?", gold))
                .isEqualTo(count("SELECT id FROM coupon WHERE source = ?", source));
        assertThat(count("SELECT COALESCE(SUM(points), 0) FROM points_movement WHERE customer_id = ?", gold))
                .as("the GOLD tier's birthday points, once")
                .isEqualTo(500);
        assertThat(count("SELECT COUNT(*) FROM loyalty_birthday_pack WHERE customer_id = ?", standard))
                .as("the lowest tier has no pack")
                .isZero();

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(count(
                                "SELECT COUNT(*) FROM customer_timeline_entry WHERE customer_id = ?"
                                        + " AND title IN ('BIRTHDAY_PACK', 'COUPON_ISSUED')",
                                gold))
                        .isEqualTo(2));
        String section = mvc.perform(get("/customers/" + gold + "/timeline")
                        .header("HX-Request", "true")
                        .header("Accept-Language", "en")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(section)
                .contains("name=\"type\" value=\"COUPON\"", "name=\"type\" value=\"TIER\"")
                .contains("<span>Coupon</span>", "<span>Membership</span>", "Birthday pack given");
    }

    @Test
    void aTemplateThatCannotIssueLeavesThePackWithItsPointsOnly() throws Exception {
        long template = template();
        call(put("/api/v1/loyalty/coupon-templates/" + template), "{\"name\":\"停用生日券\",\"active\":false}");
        long silver = member("SILVER");
        birthdayCoupon("SILVER", template);
        try {
            packs.run();
        } finally {
            birthdayCoupon("SILVER", null);
        }
        assertThat(count(
                        "SELECT COUNT(*) FROM loyalty_birthday_pack WHERE customer_id = ? AND coupon_id IS NULL",
                        silver))
                .isEqualTo(1);
        assertThat(count("SELECT COALESCE(SUM(points), 0) FROM points_movement WHERE customer_id = ?", silver))
                .isEqualTo(200);
    }

    @Test
    void theBirthdayIsTheDayWhereTheMembersStoreIs() throws Exception {
        LocalDate day = LocalDate.now(SHANGHAI).plusDays(100);
        LocalDate birthday = LocalDate.of(1992, day.getMonth(), day.getDayOfMonth());
        String code = "BP-LA-" + UUID.randomUUID().toString().substring(0, 6);
        jdbc.sql("INSERT INTO store (code, name, zone_id, created_at) VALUES (?, ?, 'America/Los_Angeles', ?)")
                .params(code, "洛杉矶店 " + code, Timestamp.from(Instant.now()))
                .update();
        long losAngeles = jdbc.sql("SELECT id FROM store WHERE code = ?")
                .param(code)
                .query(Long.class)
                .single();
        try {
            long there = memberBornOn(birthday, losAngeles);
            long here = memberBornOn(birthday, null);
            String given = "SELECT COUNT(*) FROM loyalty_birthday_pack WHERE customer_id = ? AND birthday_on = ?";

            // 00:30 on the day in Shanghai is 08:30 the day before in Los Angeles.
            packs.run(day.atTime(0, 30).atZone(SHANGHAI).toInstant());
            assertThat(count(given, here, java.sql.Date.valueOf(day))).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM loyalty_birthday_pack WHERE customer_id = ?", there))
                    .isZero();

            packs.run(day.plusDays(1).atTime(0, 30).atZone(SHANGHAI).toInstant());
            assertThat(count(given, there, java.sql.Date.valueOf(day))).isEqualTo(1);
        } finally { // the store is not the other tests' business
            jdbc.sql("UPDATE customer SET store_id = NULL WHERE store_id = ?")
                    .param(losAngeles)
                    .update();
            jdbc.sql("DELETE FROM store WHERE id = ?").param(losAngeles).update();
        }
    }

    /** A gold member born on the day, of the store (none: the loyalty zone's). */
    private long memberBornOn(LocalDate birthday, Long store) throws Exception {
        long id = Api.firstId(call(
                post("/api/v1/customers"),
                "{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"异地寿星\",\"birthday\":\"" + birthday
                        + "\"" + (store == null ? "" : ",\"storeId\":" + store) + "}"));
        jdbc.sql("INSERT INTO points_account (customer_id, tier, balance, created_at) VALUES (?, 'GOLD', 0, ?)")
                .params(id, Timestamp.from(Instant.now()))
                .update();
        return id;
    }

    @Test
    void aMergedRecordsPackCountsForTheSurvivorsYear() throws Exception {
        long merged = member("GOLD");
        packs.run();
        assertThat(count("SELECT COUNT(*) FROM loyalty_birthday_pack WHERE customer_id = ?", merged))
                .isEqualTo(1);
        long survivor = member("GOLD");
        long mergeId = Api.firstId(call(
                post("/api/v1/customers/merges"), "{\"survivorId\":" + survivor + ",\"mergedId\":" + merged + "}"));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                count("SELECT COUNT(*) FROM loyalty_birthday_pack WHERE customer_id = ?", survivor))
                        .isEqualTo(1));
        packs.run();
        assertThat(count("SELECT COUNT(*) FROM loyalty_birthday_pack WHERE issued_to = ?", survivor))
                .as("one pack a year for the person")
                .isZero();

        call(post("/api/v1/customers/merges/" + mergeId + "/undo"), "{}");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                count("SELECT COUNT(*) FROM loyalty_birthday_pack WHERE customer_id = ?", merged))
                        .isEqualTo(1));
    }

    /** The flattened programme with the third tier (GOLD) naming a birthday coupon template. */
    private static String withGoldBirthdayCoupon(String programme, long template) {
        tools.jackson.databind.json.JsonMapper json =
                tools.jackson.databind.json.JsonMapper.builder().build();
        tools.jackson.databind.node.ObjectNode root = (tools.jackson.databind.node.ObjectNode) json.readTree(programme);
        ((tools.jackson.databind.node.ObjectNode) root.get("tiers").get(2)).put("birthdayCouponTemplateId", template);
        return json.writeValueAsString(root);
    }

    @Test
    void theTierApiAndFormConfigureTheBirthdayCoupon() throws Exception {
        long template = template();
        String original = mvc.perform(get("/api/v1/loyalty/tiers").header("Authorization", bearer(admin)))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String flat = TierProgrammeJson.flatten(original);
        try {
            mvc.perform(put("/api/v1/loyalty/tiers")
                            .header("Authorization", bearer(admin))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(withGoldBirthdayCoupon(flat, 999_999_999L)))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("tiers[2].birthdayCouponTemplateId"));
            mvc.perform(put("/api/v1/loyalty/tiers")
                            .header("Authorization", bearer(admin))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(withGoldBirthdayCoupon(flat, template)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.tiers[2].benefits.birthdayCouponTemplateId")
                            .value(template));
            String page = mvc.perform(get("/loyalty/tiers")
                            .header("Accept-Language", "en")
                            .header("Authorization", bearer(admin)))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(page)
                    .contains("Birthday coupon")
                    .containsPattern("<option value=\"" + template + "\" selected=\"selected\">");
        } finally {
            mvc.perform(put("/api/v1/loyalty/tiers")
                            .header("Authorization", bearer(admin))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(flat))
                    .andExpect(status().isOk());
        }
    }
}
