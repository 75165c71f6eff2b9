package io.guanxi.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderHistoryGeneratorTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");

    private static List<OrderHistoryGenerator.Planned> all(OrderHistoryGenerator generator, int customers) {
        List<OrderHistoryGenerator.Planned> all = new ArrayList<>();
        for (long id = 1; id <= customers; id++) {
            all.addAll(generator.history(id, 7));
        }
        return all;
    }

    @Test
    void theSameSeedGivesTheSameHistory() {
        assertThat(new OrderHistoryGenerator(5, NOW, SHANGHAI).history(42, 7))
                .isEqualTo(new OrderHistoryGenerator(5, NOW, SHANGHAI).history(42, 7))
                .isNotEqualTo(new OrderHistoryGenerator(6, NOW, SHANGHAI).history(42, 7));
    }

    @Test
    void ordersLieInTheLastTwoYearsInTimeOrderAndUseTheCatalogue() {
        List<OrderHistoryGenerator.Planned> history = new OrderHistoryGenerator(5, NOW, SHANGHAI).history(42, 7);

        assertThat(history).isNotEmpty();
        List<Instant> times = history.stream().map(p -> p.order().placedAt()).toList();
        assertThat(times).isSorted().allMatch(t -> t.isBefore(NOW) && t.isAfter(NOW.minusSeconds(731L * 86_400)));
        List<String> skus = OrderHistoryGenerator.CATALOGUE.stream()
                .map(OrderHistoryGenerator.Product::sku)
                .toList();
        assertThat(history).flatMap(p -> p.order().lines()).allMatch(l -> skus.contains(l.sku()) && l.quantity() > 0);
    }

    @Test
    void mixesLoyalOccasionalAndLapsedCustomers() {
        OrderHistoryGenerator generator = new OrderHistoryGenerator(5, NOW, SHANGHAI);
        int loyal = 0;
        int lapsed = 0;
        for (long id = 1; id <= 600; id++) {
            List<OrderHistoryGenerator.Planned> history = generator.history(id, 7);
            if (history.size() >= 12) {
                loyal++;
            }
            if (history.get(history.size() - 1).order().placedAt().isBefore(NOW.minusSeconds(360L * 86_400))) {
                lapsed++;
            }
        }
        assertThat(loyal).isBetween(60, 140);
        assertThat(lapsed).isBetween(150, 330); // the lapsed third, and occasional customers who happened to stop early
    }

    @Test
    void doubleElevenAnd618AreBusierThanOrdinaryDays() {
        List<OrderHistoryGenerator.Planned> all = all(new OrderHistoryGenerator(5, NOW, SHANGHAI), 2_000);
        long doubleEleven = all.stream()
                .map(p -> p.order().placedAt().atZone(SHANGHAI).toLocalDate())
                .filter(d -> d.getMonthValue() == 11 && d.getDayOfMonth() <= 11)
                .count();
        long lateSeptember = all.stream()
                .map(p -> p.order().placedAt().atZone(SHANGHAI).toLocalDate())
                .filter(d -> d.getMonthValue() == 9 && d.getDayOfMonth() >= 15 && d.getDayOfMonth() <= 25)
                .count();
        assertThat(doubleEleven).isGreaterThan(2 * lateSeptember);
        assertThat(OrderHistoryGenerator.season(LocalDate.of(2025, 6, 18)))
                .isGreaterThan(OrderHistoryGenerator.season(LocalDate.of(2025, 6, 10)))
                .isGreaterThan(OrderHistoryGenerator.season(LocalDate.of(2025, 7, 10)));
    }

    @Test
    void aFewOrdersAreRefunded() {
        List<OrderHistoryGenerator.Planned> all = all(new OrderHistoryGenerator(5, NOW, SHANGHAI), 500);
        long refunded = all.stream()
                .filter(p -> p.refund() != OrderHistoryGenerator.Refund.NONE)
                .count();

        assertThat((double) refunded / all.size()).isBetween(0.01, 0.08);
    }
}
