package io.guanxi.identity;

/** What a role may do. Routes are guarded by permissions, never by role names. */
public enum Permission {
    CUSTOMER_READ,
    CUSTOMER_WRITE,
    CUSTOMER_MERGE,
    CUSTOMER_ASSIGN,
    /** Define tags and their rules. */
    TAG_ADMIN,
    /** Import files of records (each record type also needs its own write permission). */
    DATA_IMPORT,
    /** Export lists to CSV and Excel (audited; personal data masked unless PII_READ). */
    DATA_EXPORT,
    /** Subject access exports and erasure of customers' personal data. */
    PRIVACY_ADMIN,
    /** See customers' phone numbers, emails and identity numbers unmasked. */
    PII_READ,
    LOYALTY_USE,
    /** Configure coupon templates and rules, the points catalogue, care moments, holidays and service
     * packages; void coupons. */
    LOYALTY_ADMIN,
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
