package io.guanxi.demo;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code guanxi.demo.*}: fill an empty database with a believable business;
 * {@code guanxi.demo.generate-customers}: bulk-generate customers for benchmarks; and
 * {@code guanxi.demo.timeline-entries} (with {@code timeline-customer}): give one customer a long
 * timeline through the bulk path, for benchmarks.
 */
@Validated
@ConfigurationProperties("guanxi.demo")
record DemoProperties(
        boolean enabled,
        String locale,
        @Min(0) int customers,
        String password,
        long seed,
        @Min(0) long generateCustomers,
        boolean exitAfterGenerate,
        @Min(0) int timelineEntries,
        Long timelineCustomer) {

    DemoProperties {
        locale = locale == null ? "zh-CN" : locale;
        password = password == null ? "guanxi-demo" : password;
        seed = seed == 0 ? 20261122L : seed;
    }

    boolean english() {
        return locale.toLowerCase().startsWith("en");
    }
}
