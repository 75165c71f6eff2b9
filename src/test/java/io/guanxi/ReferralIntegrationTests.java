package io.guanxi;

import static io.guanxi.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.guanxi.support.Api;
import io.guanxi.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Referrals through the API: a code, a referral that succeeds at the referee's first purchase with
 * points on both sides, milestone bonuses given once, and the guards against gaming the programme.
 */
@IntegrationTest
@Tag("postgres")
class ReferralIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    String admin;
    long store;
    String sku;

    @BeforeEach
    void setUp() throws Exception {
        admin = Api.token(mvc, "admin", IntegrationTest.ADMIN_PASSWORD);
        store = jdbc.sql("SELECT MIN(id) FROM store").query(Long.class).single();
        sku = Api.product(mvc, admin, "REF", "洗车卡", "SERVICE", "50.00");
    }

    private static String phone() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private long customer(String name, String extra) throws Exception {
        String body = mvc.perform(post("/api/v1/customers")
                        .header("Authorization", bearer(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"partyType\":\"PERSON\",\"kind\":\"RETAIL\",\"displayName\":\"" + name + "\""
                                + extra + "}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return Api.firstId(body);
    }

    private long newCustomer(String name) throws Exception {
        return customer(name, ",\"phone\":\"" + phone() + "\"");
    }

    private String codeOf(long customer) throws Exception {
        String body = mvc.perform(
                        post("/api/v1/customers/" + customer + "/referral-code").header("Authorization", bearer(admin)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.link").value(org.hamcrest.Matchers.containsString("/r/")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        return body.replaceAll(".*\"code\":\"([A-Z0-9]+)\".*", "$1");
    }

    private ResultActions refer(long referee, String code) throws Exception {
        return mvc.perform(post("/api/v1/customers/" + referee + "/referrals")
                .header("Authorization", bearer(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"" + code + "\"}"));
    }

    private void buy(long customer) throws Exception {
        buy(customer, sku);
    }

    private void buy(long customer, String sku) throws Exception {
        order(customer, sku, 1, 0);
    }

    private long order(long customer, String sku, int quantity, long points) throws Exception {
        String body = mvc.perform(post("/api/v1/orders")
                        .header("Authorization", bearer(admin))
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"customerId\":" + customer + ",\"storeId\":" + store + ",\"channel\":\"STORE\","
                                + "\"pointsToRedeem\":" + points + ",\"lines\":[{\"sku\":\"" + sku
                                + "\",\"quantity\":" + quantity + "}]}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return Api.firstId(body);
    }

    private void payBack(long order, String kind, String body) throws Exception {
        mvc.perform(post("/api/v1/orders/" + order + "/" + kind)
                        .header("Authorization", bearer(admin))
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated());
    }

    private String referralOf(long referee) {
        return jdbc.sql("SELECT state || ' ' || COALESCE(CAST(success_number AS VARCHAR(10)), '-') FROM referral"
                        + " WHERE referee_id = ?")
                .param(referee)
                .query(String.class)
                .single();
    }

    private void assertBalanceIsTheLedger(long customer) {
        long balance = jdbc.sql("SELECT balance FROM points_account WHERE customer_id = ?")
                .param(customer)
                .query(Long.class)
                .single();
        long ledger = jdbc.sql("SELECT SUM(points) FROM points_movement WHERE customer_id = ?")
                .param(customer)
                .query(Long.class)
                .single();
        assertThat(balance).isEqualTo(ledger);
    }

    private List<String> awards(long customer) {
        return jdbc.sql(
                        "SELECT reason || ' ' || points FROM points_movement WHERE customer_id = ? AND reason <> 'PURCHASE'"
                                + " ORDER BY id")
                .param(customer)
                .query(String.class)
                .list();
    }

    /** Each referee's first purchase, all at the same time. */
    private void buyAtOnce(List<Long> referees) {
        List<CompletableFuture<Void>> purchases = new ArrayList<>();
        for (long referee : referees) {
            purchases.add(CompletableFuture.runAsync(() -> {
                try {
                    buy(referee);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        CompletableFuture.allOf(purchases.toArray(CompletableFuture[]::new)).join();
    }

    private List<Integer> successNumbers(long referrer) {
        return jdbc.sql("SELECT success_number FROM referral WHERE referrer_id = ? ORDER BY success_number")
                .param(referrer)
                .query(Integer.class)
                .list();
    }

    @Test
    void aReferralSucceedsAtTheFirstPurchaseAndRewardsBothSidesOnce() throws Exception {
        long referrer = newCustomer("推荐人甲");
        String code = codeOf(referrer);
        assertThat(codeOf(referrer)).as("a repeat gives the same code").isEqualTo(code);
        long referee = newCustomer("新客乙");

        refer(referee, code.toLowerCase())
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.referrerId").value(referrer))
                .andExpect(jsonPath("$.state").value("PENDING"));
        assertThat(awards(referrer)).isEmpty();

        buy(referee);
        buy(referee);

        assertThat(awards(referrer)).containsExactly("REFERRAL 200");
        assertThat(awards(referee)).containsExactly("REFERRED 100");
        mvc.perform(get("/api/v1/customers/" + referrer + "/referrals").header("Authorization", bearer(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value(code))
                .andExpect(jsonPath("$.successes").value(1))
                .andExpect(jsonPath("$.referrals[0].refereeId").value(referee))
                .andExpect(jsonPath("$.referrals[0].state").value("QUALIFIED"))
                .andExpect(jsonPath("$.referrals[0].successNumber").value(1));
        mvc.perform(get("/api/v1/customers/" + referee + "/referrals").header("Authorization", bearer(admin)))
                .andExpect(jsonPath("$.referredBy.referrerId").value(referrer));
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> mvc.perform(get("/api/v1/customers/" + referrer + "/timeline")
                                .param("type", "POINTS")
                                .header("Authorization", bearer(admin)))
                        .andExpect(jsonPath("$.content[0].title").value("REFERRAL_SUCCEEDED")));
    }

    @Test
    void theThirdSuccessEarnsTheMilestoneBonusExactlyOnceEvenWhenRefereesBuyAtTheSameTime() throws Exception {
        long referrer = newCustomer("推荐达人");
        String code = codeOf(referrer);
        List<Long> referees = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long referee = newCustomer("朋友" + i);
            refer(referee, code).andExpect(status().isCreated());
            referees.add(referee);
        }
        buyAtOnce(referees);

        assertThat(successNumbers(referrer)).containsExactly(1, 2, 3, 4);
        assertThat(awards(referrer))
                .filteredOn(a -> a.startsWith("REFERRAL_MILESTONE"))
                .containsExactly("REFERRAL_MILESTONE 300");
        assertThat(awards(referrer)).filteredOn(a -> a.equals("REFERRAL 200")).hasSize(4);
        long balance = jdbc.sql("SELECT balance FROM points_account WHERE customer_id = ?")
                .param(referrer)
                .query(Long.class)
                .single();
        long ledger = jdbc.sql("SELECT SUM(points) FROM points_movement WHERE customer_id = ?")
                .param(referrer)
                .query(Long.class)
                .single();
        assertThat(balance).isEqualTo(ledger).isEqualTo(4 * 200 + 300);
    }

    @Test
    void cancellingTheQualifyingOrderTakesTheRewardsBackAndALaterPurchaseQualifiesAgain() throws Exception {
        long referrer = newCustomer("撤单推荐人");
        String code = codeOf(referrer);
        long referee = newCustomer("撤单新客");
        refer(referee, code).andExpect(status().isCreated());
        long first = order(referee, sku, 1, 0);
        assertThat(referralOf(referee)).isEqualTo("QUALIFIED 1");
        order(referrer, sku, 1, 200); // the referrer spends the reward before the cancellation

        payBack(first, "cancellation", "{\"reason\":\"客户取消\"}");

        assertThat(referralOf(referee)).as("the referral waits again").isEqualTo("PENDING -");
        assertThat(awards(referrer))
                .filteredOn(a -> a.startsWith("REFERRAL"))
                .containsExactly("REFERRAL 200", "REFERRAL_UNDONE -200");
        assertThat(awards(referee))
                .filteredOn(a -> a.startsWith("REFERRED"))
                .containsExactly("REFERRED 100", "REFERRED_UNDONE -100");
        assertThat(jdbc.sql("SELECT balance FROM points_account WHERE customer_id = ?")
                        .param(referrer)
                        .query(Long.class)
                        .single())
                .as("the spent reward is owed as a negative balance")
                .isNegative();
        assertBalanceIsTheLedger(referrer);
        assertBalanceIsTheLedger(referee);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> mvc.perform(get("/api/v1/customers/" + referrer + "/timeline")
                                .param("type", "POINTS")
                                .header("Authorization", bearer(admin)))
                        .andExpect(jsonPath("$.content[0].title").value("REFERRAL_UNDONE")));

        buy(referee);

        assertThat(referralOf(referee)).isEqualTo("QUALIFIED 1");
        assertThat(awards(referrer))
                .filteredOn(a -> a.startsWith("REFERRAL"))
                .containsExactly("REFERRAL 200", "REFERRAL_UNDONE -200", "REFERRAL 200");
        assertThat(awards(referee))
                .filteredOn(a -> a.startsWith("REFERRED"))
                .containsExactly("REFERRED 100", "REFERRED_UNDONE -100", "REFERRED 100");
        assertBalanceIsTheLedger(referrer);
    }

    @Test
    void refundingTheThirdSuccessInFullTakesItsMilestoneBackUntilAnotherSuccessIsThirdAgain() throws Exception {
        long referrer = newCustomer("退款推荐人");
        String code = codeOf(referrer);
        List<Long> referees = new ArrayList<>();
        List<Long> orders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long referee = newCustomer("退款朋友" + i);
            refer(referee, code).andExpect(status().isCreated());
            referees.add(referee);
            orders.add(order(referee, sku, 2, 0));
        }
        assertThat(referralOf(referees.get(2))).isEqualTo("QUALIFIED 3");

        payBack(orders.get(3), "refunds", "{\"lines\":[{\"lineNo\":1,\"quantity\":1}]}");
        assertThat(referralOf(referees.get(3)))
                .as("a partial refund keeps the success")
                .isEqualTo("QUALIFIED 4");

        payBack(orders.get(2), "refunds", "{\"lines\":[{\"lineNo\":1,\"quantity\":1}]}");
        assertThat(referralOf(referees.get(2))).isEqualTo("QUALIFIED 3");
        payBack(orders.get(2), "refunds", "{\"lines\":[{\"lineNo\":1,\"quantity\":1}]}");

        assertThat(referralOf(referees.get(2))).as("refunded in full").isEqualTo("PENDING -");
        assertThat(jdbc.sql("SELECT success_number FROM referral WHERE referrer_id = ? AND success_number IS NOT NULL"
                                + " ORDER BY success_number")
                        .param(referrer)
                        .query(Integer.class)
                        .list())
                .containsExactly(1, 2, 4);
        assertThat(awards(referrer))
                .filteredOn(a -> a.startsWith("REFERRAL_MILESTONE"))
                .containsExactly("REFERRAL_MILESTONE 300", "REFERRAL_MILESTONE_UNDONE -300");
        assertThat(awards(referrer))
                .filteredOn(a -> a.equals("REFERRAL_UNDONE -200"))
                .hasSize(1);

        buy(referees.get(2));

        assertThat(referralOf(referees.get(2)))
                .as("the free number is taken again")
                .isEqualTo("QUALIFIED 3");
        assertThat(awards(referrer))
                .filteredOn(a -> a.startsWith("REFERRAL_MILESTONE"))
                .containsExactly("REFERRAL_MILESTONE 300", "REFERRAL_MILESTONE_UNDONE -300", "REFERRAL_MILESTONE 300");
        assertBalanceIsTheLedger(referrer);
        assertThat(jdbc.sql("SELECT balance FROM points_account WHERE customer_id = ?")
                        .param(referrer)
                        .query(Long.class)
                        .single())
                .isEqualTo(4 * 200 + 300);
    }

    @Test
    void theGuardsRefuseSelfSharedAndOldCustomersAndWriteNothingButTheAudit() throws Exception {
        String sharedPhone = phone();
        long referrer = customer(
                "王推荐",
                ",\"phone\":\"" + sharedPhone + "\",\"city\":\"杭州市\",\"district\":\"西湖区\",\"street\":\"文三路 100 号\"");
        String code = codeOf(referrer);

        refer(referrer, code)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("SELF_REFERRAL")));
        long samePhone = customer("同号客户", ",\"phone\":\"+86 " + sharedPhone + "\"");
        refer(samePhone, code)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("SHARED_PHONE")));
        long sameAddress = customer(
                "同址客户", ",\"phone\":\"" + phone() + "\",\"city\":\"杭州市\",\"district\":\"西湖区\",\"street\":\"文三路100号\"");
        refer(sameAddress, code)
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("SHARED_ADDRESS")));
        refer(newCustomer("无码客户"), "NOSUCHCD")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("UNKNOWN_CODE")));

        long old = newCustomer("老客户");
        jdbc.sql("UPDATE customer SET created_at = ? WHERE id = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofDays(40))), old)
                .update();
        refer(old, code)
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("NOT_A_NEW_CUSTOMER")));

        long buyer = newCustomer("已购客户");
        buy(buyer);
        refer(buyer, code)
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("ALREADY_BOUGHT")));

        long referee = newCustomer("正常新客");
        refer(referee, code).andExpect(status().isCreated());
        refer(referee, code).andExpect(status().isConflict());
        String refereeCode = codeOf(referee);
        refer(referrer, refereeCode)
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("CIRCULAR")));

        assertThat(jdbc.sql("SELECT COUNT(*) FROM referral WHERE referrer_id IN (?, ?)")
                        .params(referrer, referee)
                        .query(Long.class)
                        .single())
                .as("only the one allowed referral was written")
                .isEqualTo(1);
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM audit_event WHERE action = 'REFERRAL_REFUSED' AND entity_id IN (?, ?, ?, ?, ?)")
                        .params(
                                String.valueOf(referrer),
                                String.valueOf(samePhone),
                                String.valueOf(sameAddress),
                                String.valueOf(old),
                                String.valueOf(buyer))
                        .query(Long.class)
                        .single())
                .isEqualTo(6);
    }

    @Test
    void aCustomerWhosePurchaseEarnedNoPointsHasAlreadyBought() throws Exception {
        String code = codeOf(newCustomer("零分推荐人"));
        String small = Api.product(mvc, admin, "REFS", "小样", "SERVICE", "0.50");
        long buyer = newCustomer("零分买家");
        buy(buyer, small);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM points_movement WHERE customer_id = ?")
                        .param(buyer)
                        .query(Long.class)
                        .single())
                .as("the purchase earned no points")
                .isZero();

        refer(buyer, code)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("ALREADY_BOUGHT")));
    }

    @Test
    void aReferrerWithoutACodeOfTheirOwnNumbersSimultaneousSuccessesOnce() throws Exception {
        // a merge survivor credited through the duplicate's code has no referral_code row
        long survivor = newCustomer("合并留存人");
        List<Long> referees = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long referee = newCustomer("同时朋友" + i);
            jdbc.sql("INSERT INTO referral (referrer_id, referee_id, code, state, referred_at, actor)"
                            + " VALUES (?, ?, 'MERGED00', 'PENDING', ?, 'admin')")
                    .params(survivor, referee, Timestamp.from(Instant.now()))
                    .update();
            referees.add(referee);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM referral_code WHERE customer_id = ?")
                        .param(survivor)
                        .query(Long.class)
                        .single())
                .isZero();

        buyAtOnce(referees);

        assertThat(successNumbers(survivor)).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(awards(survivor))
                .filteredOn(a -> a.startsWith("REFERRAL_MILESTONE"))
                .containsExactly("REFERRAL_MILESTONE 300");
    }

    @Autowired
    io.guanxi.loyalty.LoyaltyApi loyalty;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @Test
    void aCustomerWhoseImportedPurchasesStillWaitForTheLedgerHasAlreadyBought() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                io.guanxi.support.TestDatabase.postgres(), "only PostgreSQL stages an import's points");
        String code = codeOf(newCustomer("导入推荐人"));
        long imported = newCustomer("导入客户");
        transactions.executeWithoutResult(s ->
                loyalty.stageEarningsForNewPurchases(List.of(new io.guanxi.loyalty.PurchaseEarning(
                        imported,
                        "order:referral-" + imported,
                        Instant.now(),
                        null,
                        null,
                        List.of(new io.guanxi.loyalty.PurchaseEarning.CategoryAmount(
                                "FOOD", io.guanxi.shared.Money.yuan("50.00"))),
                        "import"))));

        refer(imported, code)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("ALREADY_BOUGHT")));
        jdbc.sql("DELETE FROM points_staged_earning WHERE customer_id = ?")
                .param(imported)
                .update();
    }

    @Test
    void anImportedFirstPurchaseRefundedInFullUndoesTheReferralWhileItsPointsAreStaged() throws Exception {
        long referrer = newCustomer("导入撤销推荐人");
        String code = codeOf(referrer);
        long referee = newCustomer("导入撤销新客");
        refer(referee, code).andExpect(status().isCreated());
        String source = "order:referral-undo-" + referee;
        List<io.guanxi.loyalty.PurchaseEarning> purchase = List.of(new io.guanxi.loyalty.PurchaseEarning(
                referee,
                source,
                Instant.now(),
                null,
                null,
                List.of(new io.guanxi.loyalty.PurchaseEarning.CategoryAmount(
                        "FOOD", io.guanxi.shared.Money.yuan("50.00"))),
                "import"));
        // PostgreSQL stages an import's points until it is through (ADR 0018); H2 writes them at once
        transactions.executeWithoutResult(s -> {
            if (io.guanxi.support.TestDatabase.postgres()) {
                loyalty.stageEarningsForNewPurchases(purchase);
            } else {
                loyalty.earnForNewPurchases(purchase);
            }
        });
        assertThat(referralOf(referee)).isEqualTo("QUALIFIED 1");

        transactions.executeWithoutResult(s -> loyalty.reverseForRefund(new io.guanxi.loyalty.RefundReversal(
                referee,
                source,
                "refund:referral-undo-" + referee,
                java.math.BigDecimal.ONE,
                io.guanxi.shared.Money.yuan("50.00"),
                "import",
                Instant.now())));

        assertThat(referralOf(referee)).isEqualTo("PENDING -");
        assertThat(awards(referrer))
                .filteredOn(a -> a.startsWith("REFERRAL"))
                .containsExactly("REFERRAL 200", "REFERRAL_UNDONE -200");
        assertThat(awards(referee))
                .filteredOn(a -> a.startsWith("REFERRED"))
                .containsExactly("REFERRED 100", "REFERRED_UNDONE -100");
        assertBalanceIsTheLedger(referee);
        assertThat(jdbc.sql("SELECT balance FROM points_account WHERE customer_id = ?")
                        .param(referee)
                        .query(Long.class)
                        .single())
                .as("the purchase's points and the welcome are both taken back")
                .isZero();
    }

    @Test
    void theReferralLinkOpensAPublicPageWithTheInvitersNameMasked() throws Exception {
        long referrer = customer("欧阳推荐", ",\"phone\":\"" + phone() + "\"");
        String code = codeOf(referrer);
        mvc.perform(get("/r/" + code))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(code)))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("欧***")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("欧阳推荐"))));
        mvc.perform(get("/r/NOSUCHCD"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("referral-landing-unknown")));
    }
}
