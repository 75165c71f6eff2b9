package io.guanxi.loyalty.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.guanxi.customer.CustomerApi;
import io.guanxi.identity.AuditTrail;
import io.guanxi.loyalty.PurchaseEarning;
import io.guanxi.loyalty.RefundPolicy;
import io.guanxi.loyalty.RefundReversal;
import io.guanxi.loyalty.ReversalResult;
import io.guanxi.shared.Money;
import io.guanxi.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A refund of earned points the customer already spent, under each refund policy, through the
 * ledger and the database: a negative balance, or the spent points' cash value kept from the refund.
 */
@IntegrationTest
@Tag("postgres")
class RefundPolicyIntegrationTests {

    @Autowired
    PointsAccounts accounts;

    @Autowired
    CustomerApi customers;

    @Autowired
    AuditTrail audit;

    @Autowired
    Tiers tiers;

    @Autowired
    StagedEarnings staged;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    private PointsLedger ledger(RefundPolicy policy) {
        return ledger(policy, 10_000);
    }

    private PointsLedger ledger(RefundPolicy policy, long maxNegative) {
        return new PointsLedger(
                accounts,
                staged,
                tiers,
                LoyaltyPropertiesMother.withPolicy(policy, maxNegative),
                customers,
                audit,
                Clock.systemUTC());
    }

    private record Outcome(long customer, ReversalResult first, ReversalResult replay) {}

    private static long someCustomer() {
        return 5_000_000 + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000);
    }

    /** A purchase of food for {@code yuan} at {@code at}, earning in the caller's transaction. */
    private static long earnFood(PointsLedger ledger, long customer, String purchase, Instant at, String yuan) {
        return ledger.earnForPurchase(new PurchaseEarning(
                customer,
                purchase,
                at,
                null,
                null,
                List.of(new PurchaseEarning.CategoryAmount("FOOD", Money.yuan(yuan))),
                "test"));
    }

    /** A refund of all of the purchase, paying back {@code yuan}. */
    private ReversalResult refundAll(PointsLedger ledger, long customer, String purchase, String yuan) {
        return transactions.execute(s -> ledger.reverseForRefund(new RefundReversal(
                customer,
                purchase,
                "refund:" + UUID.randomUUID(),
                BigDecimal.ONE,
                Money.yuan(yuan),
                "test",
                Instant.now())));
    }

    private Outcome earnSpendAndRefund(RefundPolicy policy) {
        return earnSpendAndRefund(ledger(policy));
    }

    private Outcome earnSpendAndRefund(PointsLedger ledger) {
        long customer = someCustomer();
        String purchase = "order:" + UUID.randomUUID();
        String refund = "refund:" + UUID.randomUUID();
        transactions.executeWithoutResult(s -> earnFood(ledger, customer, purchase, Instant.now(), "1000.00"));
        transactions.executeWithoutResult(s -> ledger.adjust(customer, -600, "spent at the counter", "test"));
        RefundReversal reversal = new RefundReversal(
                customer, purchase, refund, BigDecimal.ONE, Money.yuan("1000.00"), "test", Instant.now());
        ReversalResult first = transactions.execute(s -> ledger.reverseForRefund(reversal));
        ReversalResult replay = transactions.execute(s -> ledger.reverseForRefund(reversal));
        return new Outcome(customer, first, replay);
    }

    private long balance(long customer) {
        return jdbc.sql("SELECT balance FROM points_account WHERE customer_id = ?")
                .param(customer)
                .query(Long.class)
                .single();
    }

    private long ledgerSum(long customer) {
        return jdbc.sql("SELECT SUM(points) FROM points_movement WHERE customer_id = ?")
                .param(customer)
                .query(Long.class)
                .single();
    }

    @Test
    void deductFromRefundKeepsTheCashValueOfSpentPointsAndTheBalanceAtZero() {
        Outcome outcome = earnSpendAndRefund(RefundPolicy.DEDUCT_FROM_REFUND);
        assertThat(outcome.first().pointsReversed()).isEqualTo(400);
        assertThat(outcome.first().pointsDeducted()).isEqualTo(600);
        assertThat(outcome.first().deduction()).isEqualTo(Money.yuan("6.00"));
        assertThat(outcome.replay()).as("a replayed refund does nothing twice").isEqualTo(outcome.first());
        assertThat(balance(outcome.customer())).isZero().isEqualTo(ledgerSum(outcome.customer()));
    }

    @Test
    void negativeBalancePolicyLeavesTheSpentPointsAsDebt() {
        Outcome outcome = earnSpendAndRefund(RefundPolicy.NEGATIVE_BALANCE);
        assertThat(outcome.first().pointsReversed()).isEqualTo(1000);
        assertThat(outcome.first().deduction()).isEqualTo(Money.yuan("0.00"));
        assertThat(outcome.replay()).isEqualTo(outcome.first());
        assertThat(balance(outcome.customer())).isEqualTo(-600).isEqualTo(ledgerSum(outcome.customer()));
    }

    @Test
    void negativeBalanceStopsAtTheFloorAndTheRestIsKeptFromTheRefund() {
        Outcome outcome = earnSpendAndRefund(ledger(RefundPolicy.NEGATIVE_BALANCE, 500));
        assertThat(outcome.first().pointsReversed()).isEqualTo(900);
        assertThat(outcome.first().pointsDeducted()).isEqualTo(100);
        assertThat(outcome.first().deduction()).isEqualTo(Money.yuan("1.00"));
        assertThat(outcome.replay()).isEqualTo(outcome.first());
        assertThat(balance(outcome.customer())).isEqualTo(-500).isEqualTo(ledgerSum(outcome.customer()));
    }

    @Test
    void pointsSpentOnThePurchaseComeBackBeforeAnythingIsKeptFromTheRefund() {
        PointsLedger ledger = ledger(RefundPolicy.DEDUCT_FROM_REFUND);
        long customer = someCustomer();
        String purchase = "order:" + UUID.randomUUID();
        transactions.executeWithoutResult(s -> {
            ledger.adjust(customer, 1000, "opening balance", "test");
            ledger.redeem(customer, 1000, "ORDER", purchase, "test", null);
            earnFood(ledger, customer, purchase, Instant.now(), "500.00");
            ledger.adjust(customer, -500, "spent at the counter", "test");
        });
        ReversalResult result = refundAll(ledger, customer, purchase, "500.00");
        assertThat(result.pointsRestored()).isEqualTo(1000);
        assertThat(result.pointsReversed()).isEqualTo(500);
        assertThat(result.deduction())
                .as("the restored points cover the earned ones")
                .isEqualTo(Money.yuan("0.00"));
        assertThat(balance(customer)).isEqualTo(500).isEqualTo(ledgerSum(customer));
    }

    @Test
    void refundingADoublePointsLineTakesBackWhatItEarned() {
        PointsLedger ledger = ledger(RefundPolicy.NEGATIVE_BALANCE);
        long customer = someCustomer();
        String purchase = "order:" + UUID.randomUUID();
        List<PurchaseEarning.CategoryAmount> paid = List.of(
                new PurchaseEarning.CategoryAmount("SERVICE", Money.yuan("100.00")),
                new PurchaseEarning.CategoryAmount("FOOD", Money.yuan("100.00")));
        long earned = transactions.execute(s -> ledger.earnForPurchase(
                new PurchaseEarning(customer, purchase, Instant.now(), null, null, paid, "test")));
        assertThat(earned).as("SERVICE earns double").isEqualTo(300);
        ReversalResult service = transactions.execute(s -> ledger.reverseForRefund(new RefundReversal(
                customer,
                purchase,
                "refund:" + UUID.randomUUID(),
                new BigDecimal("0.5"),
                Money.yuan("100.00"),
                "test",
                Instant.now(),
                paid,
                List.of(paid.get(0)))));
        assertThat(service.pointsReversed()).isEqualTo(200);
        ReversalResult rest = transactions.execute(s -> ledger.reverseForRefund(new RefundReversal(
                customer,
                purchase,
                "refund:" + UUID.randomUUID(),
                BigDecimal.ONE,
                Money.yuan("100.00"),
                "test",
                Instant.now(),
                paid,
                paid)));
        assertThat(rest.pointsReversed()).isEqualTo(100);
        assertThat(balance(customer)).isZero().isEqualTo(ledgerSum(customer));
    }

    @Test
    void aRefundDoesNotTakeBackPointsWhoseValidityEndedButExpiresThem() {
        PointsLedger ledger = ledger(RefundPolicy.NEGATIVE_BALANCE);
        long customer = someCustomer();
        String old = "order:" + UUID.randomUUID();
        String purchase = "order:" + UUID.randomUUID();
        transactions.executeWithoutResult(s -> {
            // earned 400 days ago, valid 365: lapsed, not yet expired by the daily job
            earnFood(ledger, customer, old, Instant.now().minus(java.time.Duration.ofDays(400)), "200.00");
            earnFood(ledger, customer, purchase, Instant.now(), "1000.00");
            ledger.adjust(customer, -1000, "spent at the counter", "test");
        });
        ReversalResult result = refundAll(ledger, customer, purchase, "1000.00");
        assertThat(result.pointsReversed()).isEqualTo(1000);
        assertThat(jdbc.sql(
                                "SELECT COALESCE(SUM(points), 0) FROM points_movement WHERE customer_id = ? AND type = 'EXPIRE'")
                        .param(customer)
                        .query(Long.class)
                        .single())
                .as("the lapsed lot expired, not taken back")
                .isEqualTo(-200);
        assertThat(balance(customer)).isEqualTo(-1000).isEqualTo(ledgerSum(customer));
    }
}
