package io.guanxi.loyalty;

/**
 * What happens when a refund must take back earned points the customer has already spent: the
 * balance may go negative (down to a configured floor, beyond which the rest is paid for out of the
 * refund), or all the spent points are paid for out of the refund at the redemption rate. Either way
 * a refund too small to pay leaves the rest as debt: a refund never fails on points.
 */
public enum RefundPolicy {
    NEGATIVE_BALANCE,
    DEDUCT_FROM_REFUND
}
