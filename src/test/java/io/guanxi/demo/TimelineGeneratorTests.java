package io.guanxi.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.guanxi.customer.TimelineEntryPublished;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TimelineGeneratorTests {

    private static final Instant FROM = Instant.parse("2021-11-23T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-23T00:00:00Z");

    private static List<TimelineEntryPublished> generate(long seed, long customer, int count) {
        List<TimelineEntryPublished> list = new ArrayList<>();
        new TimelineGenerator(seed, false, FROM, TO).entries(customer, count).forEachRemaining(list::add);
        return list;
    }

    @Test
    void sameSeedAndCustomerGiveTheSameEntriesWithStableReferences() {
        assertThat(generate(1, 42, 300)).isEqualTo(generate(1, 42, 300));
        assertThat(generate(1, 42, 50)).isNotEqualTo(generate(1, 43, 50));
        assertThat(generate(1, 42, 10_000))
                .extracting(TimelineEntryPublished::sourceRef)
                .doesNotHaveDuplicates();
    }

    @Test
    void spreadsOrdersPointsAndTheRestOverThePeriod() {
        List<TimelineEntryPublished> entries = generate(7, 1, 10_000);
        assertThat(entries).hasSize(10_000).allSatisfy(e -> {
            assertThat(e.occurredAt()).isBetween(FROM, TO);
            assertThat(e.customerId()).isEqualTo(1);
        });
        Map<String, Long> byType =
                entries.stream().collect(Collectors.groupingBy(TimelineEntryPublished::type, Collectors.counting()));
        assertThat(byType)
                .containsOnlyKeys("ORDER", "POINTS", "VISIT", "CALL", "MESSAGE", "CAMPAIGN", "TICKET", "SURVEY");
        assertThat(byType.get("ORDER")).isBetween(3_700L, 4_300L);
        assertThat(byType.get("SURVEY")).isBetween(100L, 300L);
        assertThat(entries.stream().collect(Collectors.toMap(TimelineEntryPublished::sourceRef, Function.identity())))
                .hasSize(10_000);
    }
}
