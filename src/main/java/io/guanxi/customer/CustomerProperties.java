package io.guanxi.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the customer module ({@code guanxi.customer.*}).
 *
 * @param maxOwnedPerRep the most customers one person may own
 * @param pool when customers without follow-up return to the public pool
 */
@Validated
@ConfigurationProperties("guanxi.customer")
public record CustomerProperties(
        @Min(1) int maxOwnedPerRep, @Valid @NotNull Pool pool) {

    /**
     * @param returnAfter days without follow-up, per kind of customer, after which a customer returns
     *     to the pool (a kind not listed never returns by itself)
     * @param noticeBefore how long before the return the owner is told
     * @param cron when the daily sweep runs
     */
    public record Pool(
            @NotNull Map<CustomerKind, Duration> returnAfter,
            @NotNull Duration noticeBefore,
            String cron) {}
}
