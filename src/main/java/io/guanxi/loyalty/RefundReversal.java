package io.guanxi.loyalty;

import io.guanxi.shared.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Take back points for a (partial) refund of a purchase. {@code refundedShare} is the share of the
 * purchase refunded so far including this refund (0..1); loyalty restores the matching share of the
 * points spent on it and reverses the share of the earned points that the refunded amounts earned,
 * minus what earlier refunds already did. {@code purchased} (what was paid per category, as the
 * purchase earned on it) and {@code refundedSoFar} (what has been refunded per category, this refund
 * included) weigh each category by the multiplier it earned at, so that refunding a line of a
 * double-points category takes back its double points; without them the earned points follow
 * {@code refundedShare}. {@code refundAmount} caps any deduction from the refund.
 */
public record RefundReversal(
        long customerId,
        String purchaseSource,
        String refundSource,
        BigDecimal refundedShare,
        Money refundAmount,
        String actor,
        Instant occurredAt,
        List<PurchaseEarning.CategoryAmount> purchased,
        List<PurchaseEarning.CategoryAmount> refundedSoFar) {

    public RefundReversal {
        purchased = purchased == null ? List.of() : List.copyOf(purchased);
        refundedSoFar = refundedSoFar == null ? List.of() : List.copyOf(refundedSoFar);
    }

    /** A refund whose earned points follow the refunded share of the money. */
    public RefundReversal(
            long customerId,
            String purchaseSource,
            String refundSource,
            BigDecimal refundedShare,
            Money refundAmount,
            String actor,
            Instant occurredAt) {
        this(customerId, purchaseSource, refundSource, refundedShare, refundAmount, actor, occurredAt, null, null);
    }
}
