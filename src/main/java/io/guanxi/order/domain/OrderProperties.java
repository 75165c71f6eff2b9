package io.guanxi.order.domain;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code guanxi.order.*}: the currency orders are taken in. */
@Validated
@ConfigurationProperties("guanxi.order")
public record OrderProperties(
        @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency) {

    public OrderProperties {
        currency = currency == null ? "CNY" : currency;
    }
}
