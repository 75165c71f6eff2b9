package io.guanxi.customer;

/** Channels a customer can be contacted through, each with its own consent. */
public enum ContactChannel {
    SMS,
    EMAIL,
    PHONE,
    WECHAT,
    APP_PUSH,
    MAIL
}
