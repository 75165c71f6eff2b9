package io.guanxi.loyalty;

/**
 * Where an issued coupon stands. {@code ISSUED} moves to {@code REDEEMED} (on one order),
 * {@code EXPIRED} or {@code VOIDED}; a cancelled order moves its coupon back to {@code ISSUED} while
 * it is still valid. Every move is a row in the coupon's history.
 */
public enum CouponState {
    ISSUED,
    REDEEMED,
    EXPIRED,
    VOIDED
}
