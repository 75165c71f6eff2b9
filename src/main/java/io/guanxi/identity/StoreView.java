package io.guanxi.identity;

/** A store or branch of the organisation. */
public record StoreView(
        long id, String code, String name, String province, String city, String address, String zoneId) {}
