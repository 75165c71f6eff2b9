package io.guanxi.order;

/** Where an order stands; refunds move it on, nothing moves it back. */
public enum OrderStatus {
    PLACED,
    PARTIALLY_REFUNDED,
    REFUNDED
}
