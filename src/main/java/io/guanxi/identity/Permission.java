package io.guanxi.identity;

/** What a role may do. Routes are guarded by permissions, never by role names. */
public enum Permission {
    CUSTOMER_READ,
    CUSTOMER_WRITE,
    CUSTOMER_MERGE,
    CUSTOMER_ASSIGN,
    LOYALTY_USE,
    POINTS_ADJUST,
    ORDER_WRITE,
    CATALOGUE_WRITE,
    SALES_USE,
    SERVICE_USE,
    MARKETING_USE,
    ANALYTICS_USE,
    ORG_READ,
    ORG_ADMIN,
    USER_ADMIN,
    AUDIT_READ,
    METRICS_READ;

    public String authority() {
        return name();
    }
}
