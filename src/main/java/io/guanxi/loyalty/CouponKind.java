package io.guanxi.loyalty;

/**
 * What a coupon gives: money off ({@code AMOUNT_OFF}), a percentage off with a cap
 * ({@code PERCENT_OFF}), money off once the order reaches a threshold ({@code THRESHOLD}, 满减), one
 * unit of a service free ({@code FREE_SERVICE}), or a gift handed over with the order ({@code GIFT}).
 */
public enum CouponKind {
    AMOUNT_OFF,
    PERCENT_OFF,
    THRESHOLD,
    FREE_SERVICE,
    GIFT
}
