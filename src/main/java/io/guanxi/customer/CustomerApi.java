package io.guanxi.customer;

import io.guanxi.customer.domain.Customer;
import io.guanxi.customer.domain.CustomerBulkWriter;
import io.guanxi.customer.domain.CustomerMatching;
import io.guanxi.customer.domain.CustomerPool;
import io.guanxi.customer.domain.CustomerRepository;
import io.guanxi.customer.domain.DataQualityRules;
import io.guanxi.customer.domain.privacy.Privacy;
import io.guanxi.customer.domain.tags.Tags;
import io.guanxi.customer.domain.timeline.CustomerTimeline;
import io.guanxi.identity.ScopeFilter;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other modules may ask of the customer module. */
@Service
public class CustomerApi {

    private final CustomerRepository customers;
    private final CustomerBulkWriter bulkWriter;
    private final CustomerTimeline timeline;
    private final Tags tags;
    private final Privacy privacy;
    private final CustomerPool pool;
    private final CustomerMatching matching;
    private final Clock clock;

    CustomerApi(
            CustomerRepository customers,
            CustomerBulkWriter bulkWriter,
            CustomerTimeline timeline,
            Tags tags,
            Privacy privacy,
            CustomerPool pool,
            CustomerMatching matching,
            Clock clock) {
        this.matching = matching;
        this.pool = pool;
        this.customers = customers;
        this.bulkWriter = bulkWriter;
        this.timeline = timeline;
        this.tags = tags;
        this.privacy = privacy;
        this.clock = clock;
    }

    /** Whether the customer's latest word on a channel was yes (marketing and care messages ask first). */
    @Transactional(readOnly = true)
    public boolean consented(long customerId, ContactChannel channel) {
        return privacy.consented(customerId, channel);
    }

    /** A follow-up with the customer (call, visit, message, note): its pool clock starts again. */
    @Transactional
    public void followedUp(long customerId, java.time.Instant at) {
        pool.followedUp(customerId, at);
    }

    /** Demo and benchmark data: owned customers get a recent follow-up (see {@link CustomerPool#spreadFollowUps}). */
    @Transactional
    public int spreadDemoFollowUps() {
        return pool.spreadFollowUps(clock.instant());
    }

    /** How many of the owner's customers return to the pool soon unless followed up. */
    @Transactional(readOnly = true)
    public int returningToPool(long ownerId) {
        return pool.returning(ownerId).size();
    }

    /** Defines a tag (a rule tag when {@code rule} is given; it is applied at once). */
    @Transactional
    public TagView defineTag(String name, String description, TagRule rule) {
        return tags.create(name, description, rule);
    }

    /**
     * Records figures about a customer that another module computes but does not keep in a table
     * of its own (e.g. {@code service.tickets}); rule tags can use them as {@code metric.<name>} and
     * are re-applied to the customer at once. Figures a module keeps are offered where they are kept
     * instead ({@link CustomerFigureSource}, {@link #figuresChanged}).
     */
    @Transactional
    public void recordMetrics(long customerId, java.util.Map<String, java.math.BigDecimal> metrics) {
        tags.recordMetrics(customerId, metrics);
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

    /** One customer, if it exists, is not merged away and lies inside the scope. */
    @Transactional(readOnly = true)
    public Optional<CustomerView> find(long id, ScopeFilter scope) {
        return customers.find(id, scope).map(Customer::view);
    }

    /** The display names of those of (a page of) customers that exist and lie inside the scope, in one query. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, String> displayNames(java.util.Collection<Long> ids, ScopeFilter scope) {
        return customers.displayNames(ids, scope);
    }

    /** Customers matching a search (name, phone, pinyin ...) inside the scope, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<CustomerView> search(String q, ScopeFilter scope, int limit) {
        return customers
                .search(
                        scope,
                        new io.guanxi.customer.domain.CustomerQuery(q, null, null, null),
                        io.guanxi.shared.paging.PageQuery.first(limit))
                .content();
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
     * The customer a record stands for now: itself, or the survivor of the merge (or merges) that took
     * it; empty when there is no such record. A merge undone makes a record stand for itself again.
     */
    @Transactional(readOnly = true)
    public Optional<Long> survivorOf(long customerId) {
        return customers.survivorOf(customerId);
    }

    /**
     * The records merged into a customer, directly or through merges of merges: the same person's
     * other records, hidden and kept for undo. A merge undone takes its record out again.
     */
    @Transactional(readOnly = true)
    public java.util.Set<Long> mergedInto(long customerId) {
        return customers.mergedInto(customerId);
    }

    /** Customers (not merged away) born in {@code month}, ids above {@code afterId}, in id order (birthday coupons). */
    @Transactional(readOnly = true)
    public List<Long> bornInMonth(java.time.Month month, long afterId, int limit) {
        return customers.bornInMonth(month.getValue(), afterId, limit);
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

    /**
     * Finds the customers that many references name, set-based (a few statements whatever their
     * number): by external id in {@code source}, else by phone; with {@code register}, creates the
     * customers not found (they need a name) through the bulk path, in the caller's transaction.
     * Without it nothing is written and new customers come back with a null id. One answer per
     * reference, in order.
     */
    @Transactional
    public List<CustomerMatch> matchOrRegister(
            String source, List<CustomerReference> references, boolean register, io.guanxi.identity.CurrentUser actor) {
        return matching.match(source, references, register, actor, clock.instant());
    }

    /** Birthdays of those of the customers that have one, in one query per 10,000. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, java.time.LocalDate> birthdays(java.util.Collection<Long> customerIds) {
        return matching.birthdays(customerIds);
    }

    /** The stores of those of the customers that have one (a customer's day is the day where their store is). */
    @Transactional(readOnly = true)
    public java.util.Map<Long, Long> storesOf(java.util.Collection<Long> customerIds) {
        return matching.stores(customerIds);
    }

    /**
     * Re-applies the rule tags to customers whose figures changed in the calling module's own tables
     * (figures it offers as a {@link CustomerFigureSource}), set-based, in the caller's transaction.
     */
    @Transactional
    public void figuresChanged(java.util.Collection<Long> customerIds) {
        tags.refreshFigureRules(customerIds);
    }
}
