package io.guanxi.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.guanxi.identity.UserDeactivated;
import io.guanxi.support.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The customer module with only the modules it depends on: it reacts to a user's departure by
 * returning that user's customers to the pool, through the event publication registry.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "shared")
class CustomerModuleTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Map<String, Object> props = TestDatabase.properties("customer_module");
        props.forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    CustomerApi customers;

    @Autowired
    JdbcClient jdbc;

    @Test
    void returnsTheCustomersOfADepartedOwnerToThePool(Scenario scenario) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        customers.bulkRegister(List.of(
                        new DatedCustomer(details("王芳", 41L), now),
                        new DatedCustomer(details("李娜", 41L), now),
                        new DatedCustomer(details("张伟", 42L), now))
                .iterator());

        scenario.publish(new UserDeactivated(41L, "sales.x"))
                .andWaitForStateChange(
                        () -> jdbc.sql("SELECT COUNT(*) FROM customer WHERE owner_id = 41")
                                .query(Long.class)
                                .single(),
                        count -> count == 0)
                .andVerify(count -> assertThat(jdbc.sql("SELECT COUNT(*) FROM customer WHERE owner_id = 42")
                                .query(Long.class)
                                .single())
                        .as("other owners keep their customers")
                        .isEqualTo(1));
        assertThat(customers.stats(io.guanxi.identity.ScopeFilter.all()).withoutOwner())
                .isEqualTo(2);
    }

    private static CustomerDetails details(String name, Long owner) {
        return new CustomerDetails(
                PartyType.PERSON,
                CustomerKind.RETAIL,
                name,
                null,
                null,
                null,
                null,
                "13800138000",
                null,
                null,
                "上海",
                null,
                null,
                null,
                null,
                SourceChannel.STORE,
                1L,
                owner);
    }
}
