package io.guanxi.customer;

import io.guanxi.customer.domain.CustomerBulkWriter;
import io.guanxi.customer.domain.CustomerRepository;
import io.guanxi.customer.domain.DataQualityRules;
import io.guanxi.identity.ScopeFilter;
import java.time.Clock;
import java.util.Iterator;
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
        return customers.stats(scope, clock.instant());
    }

    /** The data quality of one customer inside the caller's scope. */
    @Transactional(readOnly = true)
    public java.util.Optional<DataQuality> dataQuality(long customerId, ScopeFilter scope) {
        return customers.find(customerId, scope).map(c -> DataQualityRules.of(c.view(), clock.instant()));
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
