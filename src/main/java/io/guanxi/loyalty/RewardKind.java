package io.guanxi.loyalty;

/** What a catalogue item gives for points: a gift, a service, or a coupon of a template. */
public enum RewardKind {
    GIFT,
    SERVICE,
    COUPON
}
