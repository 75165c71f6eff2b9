package io.guanxi.loyalty;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Qualifying activity over the rolling window {@code from}..{@code to} (business days, inclusive). */
public record WindowActivity(LocalDate from, LocalDate to, BigDecimal spend, long orders, long points) {

    public static WindowActivity none(LocalDate from, LocalDate to) {
        return new WindowActivity(from, to, BigDecimal.ZERO, 0, 0);
    }
}
