package io.guanxi.loyalty;

/** The kinds of points movement. Positive movements create a lot; negative ones take from lots. */
public enum MovementType {
    EARN,
    REDEEM,
    EXPIRE,
    ADJUST,
    REVERSE
}
