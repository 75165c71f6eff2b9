package io.guanxi.loyalty.domain.care;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code guanxi.care.*}: the language of care messages, how far back missed moments are still sent
 * and how often a failed message is tried.
 *
 * @param locale language of care messages (zh-CN or en) when the customer's store has none below
 * @param storeLocales language per store id, for stores that serve customers in another language
 * @param catchUpDays moments of up to this many days ago are still sent after missed runs, and failed
 *     messages due up to this many days ago are tried again
 * @param renewalWindowDays the renewal window of the service package report (see {@code PackageReport})
 * @param maxAttempts how many times in all a failed message is tried
 */
@Validated
@ConfigurationProperties("guanxi.care")
public record CareProperties(
        Locale locale,
        Map<Long, Locale> storeLocales,
        @Min(0) @Max(60) int catchUpDays,
        @Min(1) @Max(3650) int renewalWindowDays,
        @Min(0) @Max(20) int maxAttempts) {

    public CareProperties {
        locale = locale == null ? Locale.SIMPLIFIED_CHINESE : locale;
        storeLocales = storeLocales == null ? Map.of() : Map.copyOf(storeLocales);
        catchUpDays = catchUpDays == 0 ? 7 : catchUpDays;
        renewalWindowDays = renewalWindowDays == 0 ? 90 : renewalWindowDays;
        maxAttempts = maxAttempts == 0 ? 3 : maxAttempts;
    }

    public Locale localeFor(Long storeId) {
        return storeId == null ? locale : storeLocales.getOrDefault(storeId, locale);
    }
}
