package io.guanxi.identity;

import static io.guanxi.identity.Permission.*;

import java.util.EnumSet;
import java.util.Set;

/** The roles of the people who use Guanxi, each with its permissions and usual data scope. */
public enum Role {
    ADMIN(DataScope.ALL, EnumSet.allOf(Permission.class)),
    MANAGER(
            DataScope.STORE,
            EnumSet.of(
                    CUSTOMER_READ,
                    CUSTOMER_WRITE,
                    CUSTOMER_MERGE,
                    CUSTOMER_ASSIGN,
                    DATA_IMPORT,
                    DATA_EXPORT,
                    PII_READ,
                    TAG_ADMIN,
                    LOYALTY_USE,
                    LOYALTY_ADMIN,
                    POINTS_ADJUST,
                    ORDER_WRITE,
                    CATALOGUE_WRITE,
                    SALES_USE,
                    SERVICE_USE,
                    MARKETING_USE,
                    ANALYTICS_USE,
                    ORG_READ)),
    SALES(
            DataScope.OWN,
            EnumSet.of(CUSTOMER_READ, CUSTOMER_WRITE, PII_READ, LOYALTY_USE, ORDER_WRITE, SALES_USE, ORG_READ)),
    SERVICE(
            DataScope.STORE,
            EnumSet.of(CUSTOMER_READ, CUSTOMER_WRITE, PII_READ, LOYALTY_USE, ORDER_WRITE, SERVICE_USE, ORG_READ)),
    MARKETER(
            DataScope.ALL,
            EnumSet.of(
                    CUSTOMER_READ,
                    DATA_EXPORT,
                    TAG_ADMIN,
                    LOYALTY_USE,
                    LOYALTY_ADMIN,
                    MARKETING_USE,
                    ANALYTICS_USE,
                    ORG_READ)),
    ANALYST(DataScope.ALL, EnumSet.of(CUSTOMER_READ, DATA_EXPORT, SALES_USE, ANALYTICS_USE, ORG_READ)),
    DEALER(DataScope.OWN, EnumSet.of(CUSTOMER_READ, CUSTOMER_WRITE, ORDER_WRITE, SALES_USE));

    private final DataScope defaultScope;
    private final Set<Permission> permissions;

    Role(DataScope defaultScope, Set<Permission> permissions) {
        this.defaultScope = defaultScope;
        this.permissions = Set.copyOf(permissions);
    }

    public DataScope defaultScope() {
        return defaultScope;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }
}
