package io.guanxi.loyalty.domain;

import io.guanxi.loyalty.RefundPolicy;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/** Loyalty settings for tests: the defaults of application.properties, with one thing changed at a time. */
final class LoyaltyPropertiesMother {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private LoyaltyPropertiesMother() {}

    static LoyaltyProperties defaults() {
        return withPolicy(RefundPolicy.NEGATIVE_BALANCE, 10_000);
    }

    static LoyaltyProperties withPolicy(RefundPolicy policy, long maxNegative) {
        return new LoyaltyProperties(
                BigDecimal.ONE,
                Map.of("SERVICE", new BigDecimal("2")),
                Map.of("STANDARD", BigDecimal.ONE, "GOLD", new BigDecimal("1.5")),
                Map.of(
                        "DOUBLE11",
                        new LoyaltyProperties.Campaign(
                                new BigDecimal("2"),
                                Instant.parse("2026-11-10T16:00:00Z"),
                                Instant.parse("2026-11-11T16:00:00Z"))),
                new BigDecimal("2"),
                100,
                200,
                Map.of("REVIEW", 20L),
                7,
                365,
                30,
                100,
                new BigDecimal("0.5"),
                0,
                policy,
                maxNegative,
                SHANGHAI);
    }
}
