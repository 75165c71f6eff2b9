package io.guanxi.loyalty;

/** When a coupon rule issues a coupon by itself. */
public enum CouponTrigger {
    SIGN_UP,
    BIRTHDAY_MONTH,
    ORDER_ABOVE
}
