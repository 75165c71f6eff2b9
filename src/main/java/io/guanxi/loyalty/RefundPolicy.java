package io.guanxi.loyalty;

/**
 * What happens when a refund must take back earned points the customer has already spent: the
 * balance may go negative (down to a configured floor), or the spent points are paid for out of the
 * refund at the redemption rate.
 */
public enum RefundPolicy {
    NEGATIVE_BALANCE,
    DEDUCT_FROM_REFUND
}
