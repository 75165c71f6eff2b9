package io.guanxi.customer;

/** Where a customer first came from. */
public enum SourceChannel {
    STORE,
    WEBSITE,
    SOCIAL,
    SERVICE_DESK,
    REFERRAL,
    DEALER,
    IMPORT,
    EVENT
}
