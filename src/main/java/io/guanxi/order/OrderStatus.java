package io.guanxi.order;

/**
 * Where an order stands; refunds and cancellation move it on, nothing moves it back. A cancelled
 * order is paid back in full and does not count in the customer's purchase aggregates.
 */
public enum OrderStatus {
    PLACED,
    PARTIALLY_REFUNDED,
    REFUNDED,
    CANCELLED
}
