package io.guanxi.loyalty.domain.coupon;

import io.guanxi.loyalty.CouponKind;
import io.guanxi.loyalty.NewCouponTemplate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Coupon templates for tests: a kind, then only the terms a test is about. */
final class TemplateBuilder {

    private final CouponKind kind;
    private BigDecimal amountOff;
    private BigDecimal percent;
    private BigDecimal cap;
    private BigDecimal minSpend;
    private String benefit;
    private List<String> categories = List.of();
    private List<String> skus = List.of();
    private Instant from;
    private Instant until;
    private Integer days;

    TemplateBuilder(CouponKind kind) {
        this.kind = kind;
    }

    TemplateBuilder amountOff(String value) {
        amountOff = new BigDecimal(value);
        return this;
    }

    TemplateBuilder percent(String value) {
        percent = new BigDecimal(value);
        return this;
    }

    TemplateBuilder cap(String value) {
        cap = new BigDecimal(value);
        return this;
    }

    TemplateBuilder minSpend(String value) {
        minSpend = new BigDecimal(value);
        return this;
    }

    TemplateBuilder benefit(String value) {
        benefit = value;
        return this;
    }

    TemplateBuilder categories(String... values) {
        categories = List.of(values);
        return this;
    }

    TemplateBuilder skus(String... values) {
        skus = List.of(values);
        return this;
    }

    TemplateBuilder window(Instant validFrom, Instant validUntil) {
        from = validFrom;
        until = validUntil;
        return this;
    }

    TemplateBuilder days(int value) {
        days = value;
        return this;
    }

    NewCouponTemplate build() {
        return new NewCouponTemplate(
                "test " + kind,
                kind,
                amountOff,
                percent,
                cap,
                minSpend,
                benefit,
                categories,
                skus,
                from,
                until,
                days,
                null,
                null,
                true);
    }
}
