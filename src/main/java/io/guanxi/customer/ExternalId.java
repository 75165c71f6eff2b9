package io.guanxi.customer;

/** A customer's id in another system (POS, shop, WeChat, an import file). */
public record ExternalId(String source, String id) {}
