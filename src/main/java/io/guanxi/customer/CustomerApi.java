package io.guanxi.customer;

import io.guanxi.customer.domain.Customer;
import io.guanxi.customer.domain.CustomerBulkWriter;
import io.guanxi.customer.domain.CustomerRepository;
import io.guanxi.identity.ScopeFilter;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other modules may ask of the customer module. */
@Service
public class CustomerApi {

    private final CustomerRepository customers;
    private final CustomerBulkWriter bulkWriter;
    private final Clock clock;

    CustomerApi(CustomerRepository customers, CustomerBulkWriter bulkWriter, Clock clock) {
        this.customers = customers;
        this.bulkWriter = bulkWriter;
        this.clock = clock;
    }

    /** Counts of the customers inside a data scope, for dashboards. */
    @Transactional(readOnly = true)
    public CustomerStats stats(ScopeFilter scope) {
        return customers.stats(scope, clock.instant().minus(Duration.ofDays(30)));
    }

    /** One customer, if it exists, is not merged away and lies inside the scope. */
    @Transactional(readOnly = true)
    public Optional<CustomerView> find(long id, ScopeFilter scope) {
        return customers.find(id, scope).map(Customer::view);
    }

    public long count() {
        return customers.count();
    }

    /**
     * Writes customers through the bulk path (COPY on PostgreSQL), normalised like every other write.
     * Used by the demo and benchmark data generator.
     */
    @Transactional
    public long bulkRegister(Iterator<DatedCustomer> rows) {
        return bulkWriter.write(rows);
    }
}
