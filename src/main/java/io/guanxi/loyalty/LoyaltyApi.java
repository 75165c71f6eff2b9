package io.guanxi.loyalty;

import io.guanxi.loyalty.domain.BulkEarning;
import io.guanxi.loyalty.domain.LoyaltyProperties;
import io.guanxi.loyalty.domain.PointsLedger;
import io.guanxi.loyalty.domain.StagedEarnings;
import io.guanxi.loyalty.domain.referral.Referrals;
import io.guanxi.shared.Money;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other modules may ask of loyalty. The order module calls it inside its own transaction, so
 * an order and its points are written together or not at all.
 */
@Service
@EnableConfigurationProperties(LoyaltyProperties.class)
public class LoyaltyApi {

    private final PointsLedger ledger;
    private final Referrals referrals;
    private final BulkEarning bulkEarning;
    private final StagedEarnings stagedEarnings;

    /**
     * The hash partitions by customer of staged earnings (V53): as many as the order module's staged
     * purchase increments have (V43), so the same partition number holds the same customers in both.
     */
    public static final int STAGED_PARTITIONS = StagedEarnings.PARTITIONS;

    LoyaltyApi(PointsLedger ledger, Referrals referrals, BulkEarning bulkEarning, StagedEarnings stagedEarnings) {
        this.ledger = ledger;
        this.referrals = referrals;
        this.bulkEarning = bulkEarning;
        this.stagedEarnings = stagedEarnings;
    }

    /**
     * The cash a number of points pays on an order of {@code orderAmount}; refuses more than the
     * per-order cap or share allows. Writes nothing.
     */
    public Money cashDeduction(long points, Money orderAmount) {
        return ledger.cashValue().deduction(points, orderAmount);
    }

    /** The customer's points now (balance, available to spend ...). */
    public PointsBalance balance(long customerId) {
        return ledger.balance(customerId);
    }

    /** Spends points on an order (source e.g. {@code order:42}); a conflict when too few are available. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void redeemOnOrder(long customerId, long points, String source, String actor) {
        ledger.redeem(customerId, points, "ORDER_DEDUCTION", source, actor, null);
    }

    /**
     * Earns points for a purchase; returns the points earned (the first result again on a replay).
     * A referral waiting for the customer's first purchase succeeds with it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long earnForPurchase(PurchaseEarning purchase) {
        long earned = ledger.earnForPurchase(purchase);
        referrals.purchased(purchase.customerId(), purchase.source(), purchase.occurredAt(), purchase.actor());
        return earned;
    }

    /**
     * Earns points for many purchases at once (an import batch), with the same rules as
     * {@link #earnForPurchase} and written set-based; answers the points per purchase source. The
     * purchases are new, stored in the caller's transaction (so nothing looks for earlier earnings; a
     * source given twice fails the transaction). Referrals waiting for a first purchase succeed with
     * the customer's first purchase in the batch.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public java.util.Map<String, Long> earnForNewPurchases(java.util.List<PurchaseEarning> purchases) {
        java.util.Map<String, Long> earned = bulkEarning.earn(purchases);
        referrals.purchased(purchases);
        return earned;
    }

    /**
     * As {@link #earnForNewPurchases}, with the points worked out and staged for the ledger instead
     * of written to it (PostgreSQL; ADR 0018): an import batch's, which {@link #applyStagedEarnings}
     * writes when the import is through its file.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public java.util.Map<String, Long> stageEarningsForNewPurchases(java.util.List<PurchaseEarning> purchases) {
        java.util.Map<String, Long> earned = bulkEarning.stage(purchases);
        referrals.purchased(purchases);
        return earned;
    }

    /**
     * Writes the earnings staged in one of the {@link #STAGED_PARTITIONS} partitions at least
     * {@code age} ago to the ledger, in the caller's transaction; answers how many. The accounts of
     * the partition's customers and of {@code alsoLocked} stay locked until the transaction ends.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long applyStagedEarnings(int partition, java.time.Duration age, java.util.Collection<Long> alsoLocked) {
        return stagedEarnings.apply(partition, age, alsoLocked);
    }

    /**
     * Takes back (and gives back) points for a refund; see {@link RefundReversal}. A purchase refunded
     * in full (cancelled, or its last units refunded) that made the customer's referral succeed
     * undoes that success: the referral waits for a purchase again and its rewards are taken back.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public ReversalResult reverseForRefund(RefundReversal refund) {
        ReversalResult reversed = ledger.reverseForRefund(refund);
        if (refund.refundedShare().compareTo(java.math.BigDecimal.ONE) == 0) {
            referrals.purchaseReversed(
                    refund.customerId(), refund.purchaseSource(), refund.refundSource(), refund.actor());
        }
        return reversed;
    }
}
