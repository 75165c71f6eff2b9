package io.guanxi.customer;

/** Kinds of customer (家庭客户, commercial, 工程客户, 经销商). */
public enum CustomerKind {
    RETAIL,
    COMMERCIAL,
    PROJECT,
    DEALER
}
