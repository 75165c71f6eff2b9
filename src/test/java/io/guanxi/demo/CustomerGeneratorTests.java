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

    @Test
    void includesRealisticDuplicatesThatTheScanFinds() {
        List<DatedCustomer> rows = generate(11, false, 5000);
        List<io.guanxi.customer.domain.duplicates.MatchRecord> records = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            var c = Customer.register(rows.get(i).details(), rows.get(i).createdAt())
                    .view();
            records.add(io.guanxi.customer.domain.duplicates.MatchRecord.of(
                    i,
                    c.givenName(),
                    c.familyName(),
                    c.displayName(),
                    c.birthday(),
                    c.idNumber(),
                    c.phone(),
                    c.email(),
                    c.street(),
                    c.district(),
                    c.city(),
                    c.postcode(),
                    c.province()));
        }
        long twins = 0;
        for (int i = 1; i < rows.size(); i++) {
            var a = rows.get(i - 1).details();
            var b = rows.get(i).details();
            if (b.email() == null
                    && java.util.Objects.equals(a.displayName(), b.displayName())
                    && java.util.Objects.equals(a.familyName(), b.familyName())
                    && java.util.Objects.equals(a.givenName(), b.givenName())
                    && java.util.Objects.equals(a.birthday(), b.birthday())
                    && java.util.Objects.equals(a.postcode(), b.postcode())) {
                twins++;
            }
        }
        var found = new io.guanxi.customer.domain.duplicates.DuplicateFinder(
                        io.guanxi.customer.domain.duplicates.DuplicateFinder.Thresholds.DEFAULT, 200)
                .find(records)
                .candidates();
        long adjacent = found.stream().filter(c -> c.right() - c.left() == 1).count();
        assertThat(twins).as("about one in a hundred is entered twice").isBetween(20L, 80L);
        assertThat(adjacent).as("the scan finds most re-entered customers").isGreaterThanOrEqualTo(twins * 8 / 10);
    }
}
