package io.guanxi.customer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.guanxi.customer.CustomerDetails;
import io.guanxi.customer.CustomerKind;
import io.guanxi.customer.CustomerView;
import io.guanxi.customer.PartyType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProfileChangesTests {

    private static CustomerDetails details(String phone, String email, String city) {
        return new CustomerDetails(
                PartyType.PERSON,
                CustomerKind.RETAIL,
                null,
                "王",
                "芳",
                null,
                null,
                phone,
                email,
                null,
                city,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    @Test
    void namesTheFieldsThatChangedButNotTheBookkeeping() {
        Customer customer =
                Customer.register(details("13800138000", null, "上海"), Instant.parse("2026-01-01T00:00:00Z"));
        CustomerView before = customer.view();
        customer.change(details("13800138000", "wang@example.com", "杭州"), Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(ProfileChanges.between(before, customer.view())).containsExactly("email", "city");
        assertThat(ProfileChanges.between(before, before)).isEmpty();
    }
}
