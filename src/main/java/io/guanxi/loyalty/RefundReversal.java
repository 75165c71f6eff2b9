package io.guanxi.loyalty;

import io.guanxi.shared.Money;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Take back points for a (partial) refund of a purchase. {@code refundedShare} is the share of the
 * purchase refunded so far including this refund (0..1); loyalty reverses the matching share of the
 * earned points and restores the matching share of the points spent on it, minus what earlier
 * refunds already did. {@code refundAmount} caps any deduction from the refund.
 */
public record RefundReversal(
        long customerId,
        String purchaseSource,
        String refundSource,
        BigDecimal refundedShare,
        Money refundAmount,
        String actor,
        Instant occurredAt) {}
