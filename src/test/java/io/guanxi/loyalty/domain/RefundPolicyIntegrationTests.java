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
        return new PointsLedger(
                accounts,
                staged,
                tiers,
                LoyaltyPropertiesMother.withPolicy(policy, 10_000),
                customers,
                audit,
                Clock.systemUTC());
    }

    private record Outcome(long customer, ReversalResult first, ReversalResult replay) {}

    private Outcome earnSpendAndRefund(RefundPolicy policy) {
        PointsLedger ledger = ledger(policy);
        long customer = 5_000_000 + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000);
        String purchase = "order:" + UUID.randomUUID();
        String refund = "refund:" + UUID.randomUUID();
        transactions.executeWithoutResult(s -> ledger.earnForPurchase(new PurchaseEarning(
                customer,
                purchase,
                Instant.now(),
                null,
                null,
                List.of(new PurchaseEarning.CategoryAmount("FOOD", Money.yuan("1000.00"))),
                "test")));
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
}
