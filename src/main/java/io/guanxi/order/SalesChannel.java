package io.guanxi.order;

/** Where an order was taken. */
public enum SalesChannel {
    STORE,
    ONLINE,
    PHONE,
    DEALER
}
