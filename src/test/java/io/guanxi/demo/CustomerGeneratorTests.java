package io.guanxi.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.guanxi.customer.CustomerKind;
import io.guanxi.customer.DatedCustomer;
import io.guanxi.customer.domain.Customer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerGeneratorTests {

    private static final Instant START = Instant.parse("2024-11-22T00:00:00Z");
    private static final Instant END = Instant.parse("2026-11-22T00:00:00Z");
    private static final List<CustomerGenerator.Outlet> OUTLETS = List.of(
            new CustomerGenerator.Outlet(1, 0, List.of(10L, 11L)), new CustomerGenerator.Outlet(2, 4, List.of(20L)));

    private static List<DatedCustomer> generate(long seed, boolean english, int count) {
        List<DatedCustomer> rows = new ArrayList<>();
        Iterator<DatedCustomer> it = new CustomerGenerator(seed, english, OUTLETS, START, END).customers(count);
        it.forEachRemaining(rows::add);
        return rows;
    }

    @Test
    void sameSeedGivesTheSameCustomers() {
        assertThat(generate(42, false, 500)).isEqualTo(generate(42, false, 500));
        assertThat(generate(42, false, 50)).isNotEqualTo(generate(43, false, 50));
    }

    @Test
    void generatesBelievableChineseCustomersThatPassNormalisation() {
        List<DatedCustomer> rows = generate(7, false, 2000);
        assertThat(rows).hasSize(2000);
        assertThat(rows).allSatisfy(row -> {
            var view = Customer.register(row.details(), row.createdAt()).view();
            assertThat(view.phone()).startsWith("+861");
            assertThat(view.city()).isNotBlank();
            assertThat(row.createdAt()).isBetween(START, END);
            assertThat(row.details().storeId()).isIn(1L, 2L);
        });
        assertThat(rows.stream().filter(r -> r.details().kind() == CustomerKind.RETAIL))
                .allSatisfy(r -> assertThat(r.details().familyName()).matches("\\p{IsHan}{1,2}"));
        assertThat(rows.stream().map(r -> r.details().kind()).distinct()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(rows.stream().filter(r -> r.details().ownerId() == null).count())
                .as("some customers sit in the pool")
                .isBetween(100L, 400L);
    }

    @Test
    void englishLocaleGivesEnglishNames() {
        assertThat(generate(7, true, 200).stream().filter(r -> r.details().familyName() != null))
                .allSatisfy(r -> assertThat(r.details().familyName()).matches("[A-Z][a-z]+"));
    }
}
