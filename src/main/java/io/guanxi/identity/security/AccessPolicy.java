package io.guanxi.identity.security;

import io.guanxi.identity.Permission;
import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * Who may call which route, in one table. Rules are tried in order; a route that matches no rule is
 * denied to everyone, and the authorization matrix test fails for any route without a rule.
 */
public final class AccessPolicy {

    /** What a rule grants: everyone, every signed-in user, or holders of one permission. */
    public sealed interface Access {
        record Public() implements Access {}

        record Authenticated() implements Access {}

        record Requires(Permission permission) implements Access {}
    }

    /** One rule: an HTTP method (null for any) and a path pattern. */
    public record Rule(HttpMethod method, String pattern, Access access) {}

    private static final Access PUBLIC = new Access.Public();
    private static final Access SIGNED_IN = new Access.Authenticated();

    public static final List<Rule> RULES = List.of(
            any("/login", PUBLIC),
            any("/css/**", PUBLIC),
            any("/js/**", PUBLIC),
            any("/img/**", PUBLIC),
            any("/webjars/**", PUBLIC),
            any("/favicon.ico", PUBLIC),
            any("/error", PUBLIC),
            any("/error/**", PUBLIC),
            any("/actuator/health", PUBLIC),
            any("/actuator/health/**", PUBLIC),
            rule(HttpMethod.POST, "/api/v1/auth/token", PUBLIC),
            rule(HttpMethod.GET, "/r/*", PUBLIC),
            any("/v3/api-docs", PUBLIC),
            any("/v3/api-docs.yaml", PUBLIC),
            any("/v3/api-docs/**", PUBLIC),
            any("/swagger-ui.html", PUBLIC),
            any("/swagger-ui/**", PUBLIC),
            rule(HttpMethod.GET, "/", SIGNED_IN),
            any("/account/**", SIGNED_IN),
            any("/logout", SIGNED_IN),
            any("/api/v1/me", SIGNED_IN),
            any("/api/v1/auth/tokens/**", SIGNED_IN),
            any("/actuator/**", needs(Permission.METRICS_READ)),
            any("/admin/users/**", needs(Permission.USER_ADMIN)),
            any("/api/v1/users/**", needs(Permission.USER_ADMIN)),
            any("/admin/stores/**", needs(Permission.ORG_ADMIN)),
            rule(HttpMethod.GET, "/api/v1/stores/**", needs(Permission.ORG_READ)),
            any("/api/v1/stores/**", needs(Permission.ORG_ADMIN)),
            any("/admin/audit/**", needs(Permission.AUDIT_READ)),
            any("/api/v1/audit/**", needs(Permission.AUDIT_READ)),
            any("/imports/**", needs(Permission.DATA_IMPORT)),
            any("/api/v1/imports/**", needs(Permission.DATA_IMPORT)),
            rule(HttpMethod.GET, "/customers/export", needs(Permission.DATA_EXPORT)),
            rule(HttpMethod.GET, "/api/v1/customers/export", needs(Permission.DATA_EXPORT)),
            any("/customers/*/reveal", needs(Permission.PII_READ)),
            any("/api/v1/customers/*/reveal", needs(Permission.PII_READ)),
            any("/customers/*/subject-export", needs(Permission.PRIVACY_ADMIN)),
            any("/customers/*/erasure", needs(Permission.PRIVACY_ADMIN)),
            any("/api/v1/customers/*/subject-export", needs(Permission.PRIVACY_ADMIN)),
            any("/api/v1/customers/*/erasure", needs(Permission.PRIVACY_ADMIN)),
            any("/api/v1/privacy/**", needs(Permission.PRIVACY_ADMIN)),
            any("/admin/privacy/**", needs(Permission.PRIVACY_ADMIN)),
            any("/customers/tags/**", needs(Permission.TAG_ADMIN)),
            any("/customers/fields/**", needs(Permission.ORG_ADMIN)),
            rule(HttpMethod.GET, "/api/v1/customer-fields/**", needs(Permission.CUSTOMER_READ)),
            any("/api/v1/customer-fields/**", needs(Permission.ORG_ADMIN)),
            rule(HttpMethod.GET, "/api/v1/tags/**", needs(Permission.CUSTOMER_READ)),
            any("/api/v1/tags/**", needs(Permission.TAG_ADMIN)),
            any("/customers/duplicates/**", needs(Permission.CUSTOMER_MERGE)),
            any("/customers/*/entitlements/**", needs(Permission.LOYALTY_USE)),
            any("/api/v1/customers/*/entitlements/*/redemptions", needs(Permission.LOYALTY_USE)),
            any("/customers/new", needs(Permission.CUSTOMER_WRITE)),
            any("/customers/*/edit", needs(Permission.CUSTOMER_WRITE)),
            rule(HttpMethod.GET, "/customers/**", needs(Permission.CUSTOMER_READ)),
            any("/customers/**", needs(Permission.CUSTOMER_WRITE)),
            rule(HttpMethod.GET, "/api/v1/customers/*/points/**", needs(Permission.CUSTOMER_READ)),
            any("/api/v1/customers/*/points/adjustments", needs(Permission.POINTS_ADJUST)),
            any("/api/v1/customers/*/points/awards", needs(Permission.POINTS_ADJUST)),
            any("/api/v1/customers/*/points/**", needs(Permission.LOYALTY_USE)),
            rule(HttpMethod.GET, "/api/v1/customers/*/referrals", needs(Permission.CUSTOMER_READ)),
            any("/api/v1/customers/*/referrals", needs(Permission.LOYALTY_USE)),
            any("/api/v1/customers/*/referral-code", needs(Permission.LOYALTY_USE)),
            rule(HttpMethod.GET, "/loyalty/customers/*/referrals", needs(Permission.CUSTOMER_READ)),
            rule(HttpMethod.GET, "/api/v1/customers/*/coupons", needs(Permission.CUSTOMER_READ)),
            any("/api/v1/customers/*/coupons", needs(Permission.LOYALTY_USE)),
            rule(HttpMethod.GET, "/api/v1/orders/**", needs(Permission.CUSTOMER_READ)),
            any("/api/v1/orders/**", needs(Permission.ORDER_WRITE)),
            rule(HttpMethod.GET, "/api/v1/products/**", SIGNED_IN),
            any("/api/v1/products/**", needs(Permission.CATALOGUE_WRITE)),
            any("/api/v1/customers/duplicates/**", needs(Permission.CUSTOMER_MERGE)),
            any("/api/v1/customers/merges/**", needs(Permission.CUSTOMER_MERGE)),
            any("/api/v1/customers/*/owner", needs(Permission.CUSTOMER_ASSIGN)),
            rule(HttpMethod.GET, "/api/v1/customers/**", needs(Permission.CUSTOMER_READ)),
            any("/api/v1/customers/**", needs(Permission.CUSTOMER_WRITE)),
            rule(HttpMethod.GET, "/loyalty/customers/*/coupons", needs(Permission.CUSTOMER_READ)),
            rule(HttpMethod.POST, "/loyalty/coupons/**", needs(Permission.LOYALTY_ADMIN)),
            rule(HttpMethod.POST, "/loyalty/catalogue/**", needs(Permission.LOYALTY_ADMIN)),
            rule(HttpMethod.GET, "/api/v1/loyalty/**", needs(Permission.LOYALTY_USE)),
            any("/api/v1/loyalty/coupon-templates/*/issues", needs(Permission.LOYALTY_USE)),
            any("/api/v1/loyalty/coupon-templates/**", needs(Permission.LOYALTY_ADMIN)),
            any("/api/v1/loyalty/coupon-rules/**", needs(Permission.LOYALTY_ADMIN)),
            any("/api/v1/loyalty/coupons/**", needs(Permission.LOYALTY_ADMIN)),
            any("/api/v1/loyalty/catalogue/**", needs(Permission.LOYALTY_ADMIN)),
            rule(HttpMethod.POST, "/loyalty/tiers", needs(Permission.ORG_ADMIN)),
            rule(HttpMethod.PUT, "/api/v1/loyalty/tiers", needs(Permission.ORG_ADMIN)),
            rule(HttpMethod.GET, "/loyalty/customers/*/membership", needs(Permission.CUSTOMER_READ)),
            any("/orders/new/**", needs(Permission.ORDER_WRITE)),
            any("/orders/new", needs(Permission.ORDER_WRITE)),
            rule(HttpMethod.GET, "/orders", needs(Permission.ORDER_WRITE)),
            rule(HttpMethod.GET, "/orders/**", needs(Permission.CUSTOMER_READ)),
            any("/orders/**", needs(Permission.ORDER_WRITE)),
            rule(HttpMethod.GET, "/loyalty/**", needs(Permission.LOYALTY_USE)),
            rule(HttpMethod.GET, "/api/v1/loyalty/**", needs(Permission.LOYALTY_USE)),
            any("/loyalty/care/**", needs(Permission.LOYALTY_ADMIN)),
            any("/loyalty/service-packages/**", needs(Permission.LOYALTY_ADMIN)),
            any("/api/v1/loyalty/care/**", needs(Permission.LOYALTY_ADMIN)),
            any("/api/v1/loyalty/service-packages/**", needs(Permission.LOYALTY_ADMIN)),
            any("/loyalty/**", needs(Permission.LOYALTY_USE)),
            any("/api/v1/loyalty/**", needs(Permission.LOYALTY_USE)),
            any("/sales/**", needs(Permission.SALES_USE)),
            any("/api/v1/sales/**", needs(Permission.SALES_USE)),
            any("/service/**", needs(Permission.SERVICE_USE)),
            any("/api/v1/service/**", needs(Permission.SERVICE_USE)),
            any("/marketing/**", needs(Permission.MARKETING_USE)),
            any("/api/v1/marketing/**", needs(Permission.MARKETING_USE)),
            any("/analytics/**", needs(Permission.ANALYTICS_USE)),
            any("/api/v1/analytics/**", needs(Permission.ANALYTICS_USE)));

    private AccessPolicy() {}

    private static Rule any(String pattern, Access access) {
        return new Rule(null, pattern, access);
    }

    private static Rule rule(HttpMethod method, String pattern, Access access) {
        return new Rule(method, pattern, access);
    }

    private static Access needs(Permission permission) {
        return new Access.Requires(permission);
    }
}
