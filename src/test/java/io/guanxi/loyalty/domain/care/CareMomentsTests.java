package io.guanxi.loyalty.domain.care;

import static org.assertj.core.api.Assertions.assertThat;

import io.guanxi.customer.ReachableCustomer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CareMomentsTests {

    private static final ReachableCustomer WANG =
            new ReachableCustomer(1, "王", "Wang.Li@example.com", "W***@example.com", null, null, Instant.EPOCH, true);

    @Test
    void aProvidersReasonKeepsNoAddress() {
        assertThat(CareMoments.masked("550 5.1.1 <wang.li@EXAMPLE.com>: Recipient address rejected", WANG))
                .isEqualTo("550 5.1.1 <W***@example.com>: Recipient address rejected");
        assertThat(CareMoments.masked("Connection refused", WANG)).isEqualTo("Connection refused");
        assertThat(CareMoments.masked(null, WANG)).isNull();
    }
}
