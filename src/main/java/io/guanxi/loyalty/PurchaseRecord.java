package io.guanxi.loyalty;

/**
 * Where referrals learn whether a customer has bought: the module that keeps the orders answers from
 * the orders themselves, so a purchase counts whatever points it earned (none for a small order, one
 * paid by a coupon or one in a category that earns nothing). An order cancelled or refunded in full
 * no longer counts, as its referral reward does not either.
 */
public interface PurchaseRecord {

    /** Whether the customer has an order that still counts as a purchase. */
    boolean hasPurchased(long customerId);
}
