package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.loyalty.TierApi;
import io.guanxi.loyalty.jobs.TierEvaluation;
import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Membership tiers against the database: upgrade on the qualifying order, the tier discount and
 * multiplier on the next one, refunds taking qualifying activity back, the daily evaluation with its
 * grace period, set-based re-evaluation for imports, and the programme API with its problems.
 */
@IntegrationTest
@Tag("postgres")
class TierIntegrationTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TierApi tiers;

    @Autowired
    TierEvaluation evaluation;

    @Autowired
    TransactionTemplate transactions;

    String admin;
    long store;
    String sku;

    @BeforeEach
    void setUp() throws Exception {
        admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        store = jdbc.sql("SELECT MIN(id) FROM store").query(Long.class).single();
        sku = "TIER-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/api/v1/products")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sku\":\"" + sku + "\",\"name\":\"轮胎套装\",\"categoryCode\":\"TIRES\","
                                + "\"price\":{\"amount\":\"2500.00\",\"currency\":\"CNY\"}}"))
                .andExpect(status().isCreated());
    }

    private long newCustomer() throws Exception {
        return Api.firstId(mvc.perform(post("/api/v1/customers")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"会员等级客户\"}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    private String place(long customer, int quantity) throws Exception {
        return mvc.perform(post("/api/v1/orders")
                        .header("Authorization", bearer(admin))
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"customerId\":" + customer + ",\"storeId\":" + store + ",\"channel\":\"STORE\","
                                + "\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}]}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private String tierOf(long customer) {
        return jdbc.sql("SELECT tier FROM points_account WHERE customer_id = ?")
                .param(customer)
                .query(String.class)
                .optional()
                .orElse("STANDARD");
    }

    private static LocalDate today() {
        return LocalDate.now(SHANGHAI);
    }

    @Test
    void upgradesOnTheQualifyingOrderAndPricesTheNextOneWithTheTier() throws Exception {
        long customer = newCustomer();
        String first = place(customer, 1);
        assertThat(first).contains("\"tier\":\"STANDARD\"").contains("\"payable\":{\"amount\":\"2500.00\"");
        assertThat(tierOf(customer)).isEqualTo("SILVER");

        mvc.perform(get("/api/v1/customers/" + customer + "/tier").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tier.code").value("SILVER"))
                .andExpect(jsonPath("$.tier.benefits.discountRate").value(0.02))
                .andExpect(
                        jsonPath("$.nextEvaluation").value(today().plusYears(1).toString()))
                .andExpect(jsonPath("$.window.orders").value(1))
                .andExpect(jsonPath("$.window.spend").value(2500.00))
                .andExpect(jsonPath("$.progress.next.code").value("GOLD"))
                .andExpect(jsonPath("$.progress.spendMissing").value(7500.00))
                .andExpect(jsonPath("$.history[0].fromTier").value("STANDARD"))
                .andExpect(jsonPath("$.history[0].toTier").value("SILVER"))
                .andExpect(jsonPath("$.history[0].reason").value("UPGRADE"))
                .andExpect(jsonPath("$.history[0].actor").value("admin"));

        // Silver: 2% off 2500 = 50, 2450 reaches the 1000 threshold: 20 more; earned at 1.2 points per yuan
        String second = place(customer, 1);
        long secondId = Api.firstId(second);
        assertThat(second).contains("\"tier\":\"SILVER\"");
        mvc.perform(get("/api/v1/orders/" + secondId).header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.tierDiscount.amount").value("70.00"))
                .andExpect(jsonPath("$.payable.amount").value("2430.00"))
                .andExpect(jsonPath("$.pointsEarned").value(2916));
        assertThat(jdbc.sql("SELECT tier_discount FROM customer_order WHERE id = ?")
                        .param(secondId)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("70.00");
    }

    @Test
    void aRefundTakesBackQualifyingActivityButDowngradesOnlyAtEvaluation() throws Exception {
        long customer = newCustomer();
        long order = Api.firstId(place(customer, 2));
        assertThat(tierOf(customer)).isEqualTo("SILVER");
        mvc.perform(post("/api/v1/orders/" + order + "/refunds")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"lines\":[{\"lineNo\":1,\"quantity\":1}]}"))
                .andExpect(status().isCreated());
        mvc.perform(get("/api/v1/customers/" + customer + "/tier").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.window.spend").value(2500.00))
                .andExpect(jsonPath("$.window.orders").value(1));
        mvc.perform(post("/api/v1/orders/" + order + "/refunds")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isCreated());
        mvc.perform(get("/api/v1/customers/" + customer + "/tier").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.tier.code").value("SILVER"))
                .andExpect(jsonPath("$.window.spend").value(0))
                .andExpect(jsonPath("$.window.orders").value(0))
                .andExpect(jsonPath("$.window.points").value(0));

        // A purchase older than the window, refunded today, leaves the window as it was.
        String old = mvc.perform(post("/api/v1/orders")
                        .header("Authorization", bearer(admin))
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"customerId\":" + customer + ",\"storeId\":" + store + ",\"channel\":\"STORE\","
                                + "\"placedAt\":\""
                                + today().minusMonths(13).atStartOfDay(SHANGHAI).toInstant()
                                + "\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        place(customer, 1); // still silver: the downgrade waits for the evaluation date
        mvc.perform(post("/api/v1/orders/" + Api.firstId(old) + "/refunds")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isCreated());
        mvc.perform(get("/api/v1/customers/" + customer + "/tier").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.window.spend").value(2430.00)) // the silver price of today's order
                .andExpect(jsonPath("$.window.orders").value(1))
                .andExpect(jsonPath("$.window.points").value(2916));
    }

    @Test
    void theDailyEvaluationStartsGraceThenDowngradesThoseStillBelow() throws Exception {
        long below = newCustomer();
        long order = Api.firstId(place(below, 1));
        mvc.perform(post("/api/v1/orders/" + order + "/cancellation")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"测试\"}"))
                .andExpect(status().isCreated());
        long kept = newCustomer();
        place(kept, 1);
        for (long customer : List.of(below, kept)) {
            jdbc.sql("UPDATE points_account SET tier_review_on = ? WHERE customer_id = ?")
                    .params(Date.valueOf(today()), customer)
                    .update();
        }

        evaluation.run();
        assertThat(tierOf(below)).isEqualTo("SILVER");
        assertThat(jdbc.sql("SELECT tier_downgrade_on FROM points_account WHERE customer_id = ?")
                        .param(below)
                        .query(Date.class)
                        .single()
                        .toLocalDate())
                .isEqualTo(today().plusDays(30));
        assertThat(tierOf(kept)).isEqualTo("SILVER");
        assertThat(jdbc.sql("SELECT tier_review_on FROM points_account WHERE customer_id = ?")
                        .param(kept)
                        .query(Date.class)
                        .single()
                        .toLocalDate())
                .isEqualTo(today().plusYears(1));

        evaluation.run();
        assertThat(tierOf(below)).as("still in grace").isEqualTo("SILVER");

        jdbc.sql("UPDATE points_account SET tier_downgrade_on = ? WHERE customer_id = ?")
                .params(Date.valueOf(today()), below)
                .update();
        TierEvaluation.Result result = evaluation.run();
        assertThat(result.changed()).isGreaterThanOrEqualTo(1);
        assertThat(tierOf(below)).isEqualTo("STANDARD");
        mvc.perform(get("/api/v1/customers/" + below + "/tier").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.tier.code").value("STANDARD"))
                .andExpect(jsonPath("$.nextEvaluation").doesNotExist())
                .andExpect(jsonPath("$.history[0].reason").value("DOWNGRADE"))
                .andExpect(jsonPath("$.history[0].actor").value("system"));
        assertThat(tierOf(kept)).isEqualTo("SILVER");
    }

    @Test
    void anImportReevaluatesItsCustomersSetBasedFromTheirOrders() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String storeCode = jdbc.sql("SELECT code FROM store WHERE id = ?")
                .param(store)
                .query(String.class)
                .single();
        String at =
                today().minusDays(10).atTime(11, 0).atZone(SHANGHAI).toInstant().toString();
        String old = today().minusMonths(13)
                .atTime(11, 0)
                .atZone(SHANGHAI)
                .toInstant()
                .toString();
        int count = 400;
        StringBuilder csv = new StringBuilder("订单号,下单时间,门店,会员号,手机,姓名,商品编码,数量,单价,折扣,支付方式\n");
        for (int i = 0; i < count; i++) {
            // 2,500.00 each: 100 / 2,500 / 12,500 / 60,000 spent in the window
            String quantity = new String[] {"1,100.00", "1,", "5,", "24,"}[i % 4];
            csv.append("T-").append(i).append(',').append(at).append(',').append(storeCode);
            csv.append(",M-")
                    .append(tag)
                    .append('-')
                    .append(i)
                    .append(",,会员")
                    .append(i)
                    .append(',');
            csv.append(sku).append(',').append(quantity).append(",,\n");
        }
        csv.append("T-old,")
                .append(old)
                .append(',')
                .append(storeCode)
                .append(",M-")
                .append(tag);
        csv.append("-old,,老会员,").append(sku).append(",40,,,\n");
        String body = mvc.perform(multipart("/api/v1/imports")
                        .file(new MockMultipartFile(
                                "file", "订单.csv", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8)))
                        .param("recordType", "order")
                        .param("source", "tier-" + tag)
                        .param("dryRun", "false")
                        .header("Authorization", bearer(admin)))
                .andExpect(status().isAccepted())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long job = Api.firstId(body);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .until(() -> jdbc.sql("SELECT state FROM import_job WHERE id = ?")
                        .param(job)
                        .query(String.class)
                        .single()
                        .equals("DONE"));
        java.util.function.Function<String, Long> member =
                m -> jdbc.sql("SELECT customer_id FROM customer_external_id WHERE source = ? AND external_id = ?")
                        .params("tier-" + tag, "M-" + tag + "-" + m)
                        .query(Long.class)
                        .single();

        assertThat(tierOf(member.apply("0"))).isEqualTo("STANDARD");
        assertThat(tierOf(member.apply("1"))).isEqualTo("SILVER");
        assertThat(tierOf(member.apply("2"))).isEqualTo("GOLD");
        assertThat(tierOf(member.apply("3"))).isEqualTo("DIAMOND");
        assertThat(tierOf(member.apply("old")))
                .as("purchases outside the rolling window do not count")
                .isEqualTo("STANDARD");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM loyalty_tier_change c JOIN customer_external_id e"
                                + " ON e.customer_id = c.customer_id WHERE e.source = ?")
                        .param("tier-" + tag)
                        .query(Long.class)
                        .single())
                .as("each upgraded customer changed tier once")
                .isEqualTo(count * 3 / 4);
        List<Long> ids = jdbc.sql("SELECT customer_id FROM customer_external_id WHERE source = ?")
                .param("tier-" + tag)
                .query(Long.class)
                .list();
        assertThat(tiers.reevaluate(ids)).as("a second run changes nothing").isZero();
    }

    @Test
    void customersWhoseNewPurchasesLieBeforeTheWindowAreLeftOut() throws Exception {
        long customer = newCustomer();
        place(customer, 1); // 2,500.00 in the window: upgraded to SILVER at once
        // held below what the window qualifies for, as after a programme whose thresholds were lowered
        jdbc.sql("UPDATE points_account SET tier = 'STANDARD' WHERE customer_id = ?")
                .param(customer)
                .update();

        int window = tiers.programme().windowMonths();
        assertThat(tiers.reevaluateAfterPurchases(Map.of(customer, today().minusMonths(window))))
                .as("new purchases from the day before the window change nothing")
                .isZero();
        assertThat(tierOf(customer)).isEqualTo("STANDARD");
        assertThat(tiers.reevaluateAfterPurchases(
                        Map.of(customer, today().minusMonths(window).plusDays(1))))
                .as("a purchase on the window's first day counts")
                .isEqualTo(1);
        assertThat(tierOf(customer)).isEqualTo("SILVER");
    }

    @Test
    void theProgrammeApiRefusesBadInputAndKeepsHeldTiers() throws Exception {
        mvc.perform(get("/api/v1/loyalty/tiers").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.windowMonths").value(12))
                .andExpect(jsonPath("$.graceDays").value(30))
                .andExpect(jsonPath("$.tiers.length()").value(4))
                .andExpect(jsonPath("$.tiers[0].code").value("STANDARD"))
                .andExpect(jsonPath("$.tiers[1].nameZh").value("银卡"))
                .andExpect(jsonPath("$.tiers[3].benefits.dedicatedAdvisor").value(true));

        String tooFew = "{\"windowMonths\":12,\"graceDays\":30,\"tiers\":["
                + "{\"code\":\"STANDARD\",\"nameZh\":\"普通\",\"nameEn\":\"Standard\"},"
                + "{\"code\":\"GOLD\",\"nameZh\":\"金卡\",\"nameEn\":\"Gold\",\"minSpend\":100}]}";
        mvc.perform(put("/api/v1/loyalty/tiers")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(tooFew))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.status").value(400));

        String falling = "{\"windowMonths\":12,\"graceDays\":30,\"tiers\":["
                + "{\"code\":\"STANDARD\",\"nameZh\":\"普通\",\"nameEn\":\"Standard\"},"
                + "{\"code\":\"SILVER\",\"nameZh\":\"银卡\",\"nameEn\":\"Silver\",\"minSpend\":5000},"
                + "{\"code\":\"GOLD\",\"nameZh\":\"金卡\",\"nameEn\":\"Gold\",\"minSpend\":1000,"
                + "\"reductions\":[{\"spendFrom\":100,\"amountOff\":200}]}]}";
        String problem = mvc.perform(put("/api/v1/loyalty/tiers")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(falling))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(problem).contains("tiers[2]").contains("tiers[2].reductions");

        long holder = newCustomer();
        place(holder, 1);
        String withoutSilver = "{\"windowMonths\":6,\"graceDays\":10,\"tiers\":["
                + "{\"code\":\"STANDARD\",\"nameZh\":\"普通\",\"nameEn\":\"Standard\"},"
                + "{\"code\":\"GOLD\",\"nameZh\":\"金卡\",\"nameEn\":\"Gold\",\"minSpend\":10000},"
                + "{\"code\":\"DIAMOND\",\"nameZh\":\"钻石\",\"nameEn\":\"Diamond\",\"minSpend\":50000}]}";
        mvc.perform(put("/api/v1/loyalty/tiers")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(withoutSilver))
                .andExpect(status().isConflict());
        mvc.perform(get("/api/v1/loyalty/tiers").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.windowMonths").value(12))
                .andExpect(jsonPath("$.tiers.length()").value(4));
    }

    @Test
    void theProgrammeApiSavesAValidProgramme() throws Exception {
        String original = mvc.perform(get("/api/v1/loyalty/tiers").header("Authorization", bearer(admin)))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String changed = original.replace("\"graceDays\":30", "\"graceDays\":45")
                .replace("\"nameEn\":\"Silver\"", "\"nameEn\":\"Silver card\"");
        try {
            mvc.perform(put("/api/v1/loyalty/tiers")
                            .header("Authorization", bearer(admin))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(flatten(changed)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.graceDays").value(45))
                    .andExpect(jsonPath("$.tiers[1].nameEn").value("Silver card"))
                    .andExpect(
                            jsonPath("$.tiers[2].benefits.reductions.length()").value(2));
        } finally {
            mvc.perform(put("/api/v1/loyalty/tiers")
                            .header("Authorization", bearer(admin))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(flatten(original)))
                    .andExpect(status().isOk());
        }
    }

    private static String flatten(String programme) throws Exception {
        return io.guanxi.support.TierProgrammeJson.flatten(programme);
    }
}
