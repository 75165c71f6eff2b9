package io.guanxi.loyalty.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guanxi.loyalty.LoyaltyApi;
import io.guanxi.loyalty.PurchaseEarning;
import io.guanxi.loyalty.RefundReversal;
import io.guanxi.loyalty.ReversalResult;
import io.guanxi.shared.Money;
import io.guanxi.support.IntegrationTest;
import io.guanxi.support.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An order import's points staged by its batches and written to the ledger when it is through
 * (PostgreSQL, V53): once, at the points worked out, with the balance the sum of the movements
 * throughout; and before that wherever a customer's earnings must be in the ledger.
 */
@IntegrationTest
@Tag("postgres")
class StagedEarningsIntegrationTests {

    @Autowired
    LoyaltyApi loyalty;

    @Autowired
    StagedEarnings staged;

    @Autowired
    PointsLedger ledger;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    private final Instant bought = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);

    @BeforeEach
    void onPostgres() {
        Assumptions.assumeTrue(TestDatabase.postgres(), "only PostgreSQL stages an import's points");
    }

    private static long newCustomer() {
        return 7_000_000 + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    }

    private PurchaseEarning purchase(long customer, String yuan) {
        return new PurchaseEarning(
                customer,
                "order:staged-" + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE),
                bought,
                null,
                null,
                List.of(new PurchaseEarning.CategoryAmount("FOOD", Money.yuan(yuan))),
                "import");
    }

    private Map<String, Long> stage(PurchaseEarning... purchases) {
        return transactions.execute(s -> loyalty.stageEarningsForNewPurchases(List.of(purchases)));
    }

    /** The import's last step (or the sweep, with an age): every partition, one transaction each. */
    private long applyAll(Duration age) {
        long written = 0;
        for (int p = 0; p < LoyaltyApi.STAGED_PARTITIONS; p++) {
            int partition = p;
            written += transactions.execute(s -> loyalty.applyStagedEarnings(partition, age, List.of()));
        }
        return written;
    }

    private long balance(long customer) {
        return jdbc.sql("SELECT COALESCE(MAX(balance), 0) FROM points_account WHERE customer_id = ?")
                .param(customer)
                .query(Long.class)
                .single();
    }

    private long ledgerSum(long customer) {
        return jdbc.sql("SELECT COALESCE(SUM(points), 0) FROM points_movement WHERE customer_id = ?")
                .param(customer)
                .query(Long.class)
                .single();
    }

    private long stagedRows(long customer) {
        return jdbc.sql("SELECT COUNT(*) FROM points_staged_earning WHERE customer_id = ?")
                .param(customer)
                .query(Long.class)
                .single();
    }

    /** Each purchase lot of the customer: earned, remaining, earned at, available at, expires at. */
    private List<String> lots(long customer) {
        return jdbc.sql("SELECT m.points, l.earned, l.remaining, l.earned_at, l.available_at, l.expires_at"
                        + " FROM points_movement m JOIN points_lot l ON l.movement_id = m.id"
                        + " WHERE m.customer_id = ? AND m.reason = 'PURCHASE' ORDER BY m.id")
                .param(customer)
                .query((rs, n) -> rs.getLong(1) + " " + rs.getLong(2) + " " + rs.getLong(3) + " "
                        + rs.getTimestamp(4).toInstant() + " "
                        + rs.getTimestamp(5).toInstant() + " "
                        + rs.getTimestamp(6).toInstant())
                .list();
    }

    /** A refund of {@code share} of the purchase, paying back {@code yuan}, booked to {@code customer}. */
    private ReversalResult refund(long customer, PurchaseEarning purchase, String share, String yuan) {
        return transactions.execute(s -> loyalty.reverseForRefund(new RefundReversal(
                customer,
                purchase.source(),
                "refund:" + purchase.source(),
                new BigDecimal(share),
                Money.yuan(yuan),
                "test",
                Instant.now())));
    }

    @Test
    void stagedPointsReachTheLedgerOnceWhenTheImportIsThrough() {
        long first = newCustomer();
        long second = newCustomer();
        PurchaseEarning a = purchase(first, "100.00");
        PurchaseEarning b = purchase(first, "250.00");
        PurchaseEarning c = purchase(second, "40.00");

        Map<String, Long> earned = stage(a, b, c);

        assertThat(earned).containsEntry(a.source(), 100L).containsEntry(b.source(), 250L);
        assertThat(earned).containsEntry(c.source(), 40L);
        assertThat(ledgerSum(first)).as("not in the ledger yet").isZero();
        assertThat(balance(first)).as("nor in the balance").isZero();
        assertThat(stagedRows(first)).isEqualTo(2);
        assertThat(applyAll(Duration.ofHours(1)))
                .as("the sweep leaves rows younger than its age to the running import")
                .isZero();
        assertThat(stagedRows(first)).isEqualTo(2);

        applyAll(Duration.ZERO);

        assertThat(balance(first)).isEqualTo(350).isEqualTo(ledgerSum(first));
        assertThat(balance(second)).isEqualTo(40).isEqualTo(ledgerSum(second));
        String earnedAt = bought.toString();
        assertThat(lots(first))
                .hasSize(2)
                .allSatisfy(lot -> assertThat(lot).contains(earnedAt))
                .anySatisfy(lot -> assertThat(lot).startsWith("100 100 100 "))
                .anySatisfy(lot -> assertThat(lot).startsWith("250 250 250 "));
        assertThat(lots(first).stream().filter(lot -> lot.startsWith("100 ")))
                .as("available and expiring by the same rules as a purchase earned at once")
                .containsExactly(earnedAtOnce(a));
        assertThat(stagedRows(first) + stagedRows(second)).isZero();
        assertThat(applyAll(Duration.ZERO)).as("applied once").isZero();
        assertThat(balance(first)).isEqualTo(350).isEqualTo(ledgerSum(first));
    }

    /** The lot of the same purchase earned at once by another customer, with its points and times. */
    private String earnedAtOnce(PurchaseEarning p) {
        long other = newCustomer();
        transactions.executeWithoutResult(s -> loyalty.earnForPurchase(new PurchaseEarning(
                other, p.source() + "-at-once", p.occurredAt(), p.zone(), p.campaign(), p.amounts(), p.actor())));
        return lots(other).get(0);
    }

    @Test
    void aRefundBeforeTheLastStepTakesBackPointsStillStaged() {
        long customer = newCustomer();
        PurchaseEarning bought = purchase(customer, "1000.00");
        stage(bought);

        ReversalResult reversed = refund(customer, bought, "0.5", "500.00");

        assertThat(reversed.pointsReversed()).isEqualTo(500);
        assertThat(balance(customer)).isEqualTo(500).isEqualTo(ledgerSum(customer));
        assertThat(stagedRows(customer)).isZero();
        applyAll(Duration.ZERO);
        assertThat(balance(customer)).as("not earned a second time").isEqualTo(500);
        assertThat(ledgerSum(customer)).isEqualTo(500);
    }

    @Test
    void aCustomerInDebtPaysItFirstWithPointsStaged() {
        long customer = newCustomer();
        PurchaseEarning earlier = purchase(customer, "1000.00");
        transactions.executeWithoutResult(s -> loyalty.earnForPurchase(earlier));
        transactions.executeWithoutResult(s -> ledger.adjust(customer, -600, "spent at the counter", "test"));
        refund(customer, earlier, "1", "1000.00");
        assertThat(balance(customer))
                .as("the refund took back points already spent")
                .isEqualTo(-600);
        PurchaseEarning later = purchase(customer, "800.00");
        stage(later);

        applyAll(Duration.ZERO);

        assertThat(balance(customer)).isEqualTo(200).isEqualTo(ledgerSum(customer));
        assertThat(jdbc.sql("SELECT l.remaining FROM points_lot l WHERE l.source = ?")
                        .param(later.source())
                        .query(Long.class)
                        .single())
                .as("the new lot paid the debt first")
                .isEqualTo(200);
    }

    @Test
    void aMergeMovesPointsStillStagedWithTheCustomer() {
        long merged = newCustomer();
        long survivor = newCustomer();
        stage(purchase(merged, "300.00"));

        long moved = transactions.execute(
                s -> ledger.transfer(merged, survivor, "merge:staged-" + merged, lot -> true, true, "system"));

        assertThat(moved).isEqualTo(300);
        assertThat(balance(merged)).isZero().isEqualTo(ledgerSum(merged));
        assertThat(balance(survivor)).isEqualTo(300).isEqualTo(ledgerSum(survivor));
        assertThat(stagedRows(merged)).isZero();
    }

    @Test
    void aRefundOfAnOrderAMergeMovedBeforeItsPointsTakesBackWhatItEarned() {
        long merged = newCustomer();
        long survivor = newCustomer();
        PurchaseEarning bought = purchase(merged, "100.00");
        stage(bought);

        // the order module has moved the order to the survivor; loyalty has not moved the points yet
        ReversalResult reversed = refund(survivor, bought, "1", "100.00");
        transactions.execute(
                s -> ledger.transfer(merged, survivor, "merge:refunded-" + merged, lot -> true, true, "system"));

        assertThat(reversed.pointsReversed()).isEqualTo(100);
        assertThat(stagedRows(merged)).isZero();
        assertThat(balance(survivor)).isZero().isEqualTo(ledgerSum(survivor));
        assertThat(balance(merged)).isZero().isEqualTo(ledgerSum(merged));
    }

    @Test
    void importedPurchasesEarnAtTheTierProgrammesMultiplier() {
        long customer = newCustomer();
        jdbc.sql("INSERT INTO points_account (customer_id, tier, balance, created_at) VALUES (?, 'GOLD', 0, now())")
                .param(customer)
                .update();
        jdbc.sql("UPDATE loyalty_tier SET points_multiplier = 3 WHERE code = 'GOLD'")
                .update();
        try {
            PurchaseEarning bought = purchase(customer, "100.00");

            assertThat(stage(bought))
                    .as("the programme's 3, not the configured fallback of 1.5")
                    .containsEntry(bought.source(), 300L);
        } finally {
            jdbc.sql("UPDATE loyalty_tier SET points_multiplier = 1.5 WHERE code = 'GOLD'")
                    .update();
        }
        applyAll(Duration.ZERO);
        assertThat(balance(customer)).isEqualTo(300).isEqualTo(ledgerSum(customer));
    }

    @Autowired
    PointsAccounts accounts;

    private int partitionOf(long customer) {
        return jdbc.sql("SELECT p FROM generate_series(0, 15) AS p WHERE satisfies_hash_partition("
                        + "'points_staged_earning'::regclass, 16, p, CAST(? AS BIGINT))")
                .param(customer)
                .query(Integer.class)
                .single();
    }

    @Test
    void aMergeOfACustomerTheImportCreatedDoesNotDeadlockWithTheLastStep() throws Exception {
        long known = newCustomer();
        int partition = partitionOf(known);
        long created = known - 1;
        while (partitionOf(created) != partition) {
            created--;
        }
        long lower = created;
        jdbc.sql("INSERT INTO points_account (customer_id, tier, balance, created_at) VALUES (?, 'STANDARD', 0, now())")
                .param(known)
                .update();
        stage(purchase(known, "10.00"), purchase(lower, "20.00"));
        java.util.concurrent.CountDownLatch opened = new java.util.concurrent.CountDownLatch(1);

        // a merge locks its two accounts in customer order, opening the created customer's first
        java.util.concurrent.CompletableFuture<Void> merge =
                java.util.concurrent.CompletableFuture.runAsync(() -> transactions.executeWithoutResult(s -> {
                    accounts.lock(lower, Instant.now());
                    opened.countDown();
                    try {
                        Thread.sleep(700);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    accounts.lock(known, Instant.now());
                }));
        opened.await();
        java.util.concurrent.CompletableFuture<Long> step = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> transactions.execute(s -> loyalty.applyStagedEarnings(partition, Duration.ZERO, List.of())));

        merge.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(step.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(balance(known)).isEqualTo(10).isEqualTo(ledgerSum(known));
        assertThat(balance(lower)).isEqualTo(20).isEqualTo(ledgerSum(lower));
    }

    @Test
    void aPurchaseAlreadyInTheLedgerIsNotEarnedTwiceAndItsPartitionStaysStaged() {
        long customer = newCustomer();
        PurchaseEarning bought = purchase(customer, "120.00");
        transactions.executeWithoutResult(s -> loyalty.earnForPurchase(bought));
        stage(bought);
        stage(purchase(customer, "30.00"));

        assertThatThrownBy(() -> applyAll(Duration.ZERO)).isInstanceOf(DataIntegrityViolationException.class);

        assertThat(balance(customer)).isEqualTo(120).isEqualTo(ledgerSum(customer));
        assertThat(lots(customer)).hasSize(1);
        assertThat(stagedRows(customer)).as("nothing half-written").isEqualTo(2);
        jdbc.sql("DELETE FROM points_staged_earning WHERE customer_id = ?")
                .param(customer)
                .update();
    }
}
