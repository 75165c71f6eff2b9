package io.guanxi.customer;

import io.guanxi.customer.domain.CustomerBulkWriter;
import io.guanxi.customer.domain.CustomerRepository;
import io.guanxi.customer.domain.timeline.CustomerTimeline;
import io.guanxi.identity.ScopeFilter;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other modules may ask of the customer module. */
@Service
public class CustomerApi {

    private final CustomerRepository customers;
    private final CustomerBulkWriter bulkWriter;
    private final CustomerTimeline timeline;
    private final Clock clock;

    CustomerApi(CustomerRepository customers, CustomerBulkWriter bulkWriter, CustomerTimeline timeline, Clock clock) {
        this.customers = customers;
        this.bulkWriter = bulkWriter;
        this.timeline = timeline;
        this.clock = clock;
    }

    /** Counts of the customers inside a data scope, for dashboards. */
    @Transactional(readOnly = true)
    public CustomerStats stats(ScopeFilter scope) {
        return customers.stats(scope, clock.instant().minus(Duration.ofDays(30)));
    }

    public long count() {
        return customers.count();
    }

    /** The ids of the first customers ever registered (not merged away), for demo data. */
    @Transactional(readOnly = true)
    public List<Long> oldestIds(int limit) {
        return customers.oldestIds(limit);
    }

    /**
     * Writes customers through the bulk path (COPY on PostgreSQL), normalised like every other write.
     * Used by the demo and benchmark data generator.
     */
    @Transactional
    public long bulkRegister(Iterator<DatedCustomer> rows) {
        return bulkWriter.write(rows);
    }

    /**
     * Puts many entries on customers' timelines at once, in the caller's transaction, through the bulk
     * path (COPY on PostgreSQL): for imports and history loads, where one event per entry would be too
     * slow. Entries already there (same source module and reference) are skipped, entries for merged
     * customers go to the survivor, entries for unknown customers are dropped. For single entries
     * publish {@link TimelineEntryPublished} instead.
     *
     * @return how many entries were written
     */
    @Transactional
    public long publishTimeline(Iterator<TimelineEntryPublished> entries) {
        return timeline.publishAll(entries);
    }
}
