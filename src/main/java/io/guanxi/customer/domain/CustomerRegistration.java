package io.guanxi.customer.domain;

import io.guanxi.customer.CustomerDetails;
import io.guanxi.customer.CustomerRegistered;
import io.guanxi.customer.CustomerView;
import io.guanxi.customer.domain.fields.CustomFields;
import io.guanxi.customer.domain.tags.Tags;
import io.guanxi.customer.domain.timeline.CustomerTimeline;
import io.guanxi.identity.AuditTrail;
import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.DataScope;
import io.guanxi.identity.IdentityApi;
import io.guanxi.shared.NotFoundException;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registering and changing customers, for every channel. A user can only create or move a customer
 * inside their own data scope: own-scope users own what they create, store-scope users keep it in
 * their store.
 */
@Service
@Transactional
public class CustomerRegistration {

    private final CustomerRepository customers;
    private final IdentityApi identity;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final CustomerTimeline timeline;
    private final Tags tags;
    private final CustomerPool pool;
    private final CustomFields customFields;
    private final Clock clock;

    CustomerRegistration(
            CustomerRepository customers,
            IdentityApi identity,
            AuditTrail audit,
            ApplicationEventPublisher events,
            CustomerTimeline timeline,
            Tags tags,
            CustomerPool pool,
            CustomFields customFields,
            Clock clock) {
        this.pool = pool;
        this.customFields = customFields;
        this.customers = customers;
        this.identity = identity;
        this.audit = audit;
        this.events = events;
        this.timeline = timeline;
        this.tags = tags;
        this.clock = clock;
    }

    /** Registers a customer together with custom field values (field key → text), in one transaction. */
    public CustomerView register(CustomerDetails details, Map<String, String> customValues, CurrentUser actor) {
        CustomerView created = register(details, actor);
        if (!customValues.isEmpty()) {
            customFields.set(created.id(), customValues);
            tags.refreshCustomer(created.id());
        }
        return created;
    }

    /** Changes a customer and its custom field values (blank removes a value), in one transaction. */
    public CustomerView change(long id, CustomerDetails details, Map<String, String> customValues, CurrentUser actor) {
        CustomerView changed = change(id, details, actor);
        if (!customValues.isEmpty()) {
            customFields.set(id, customValues);
            tags.refreshCustomer(id);
        }
        return changed;
    }

    public CustomerView register(CustomerDetails details, CurrentUser actor) {
        CustomerDetails placed = withinScope(details, actor);
        Customer customer = Customer.register(placed, clock.instant());
        long id = customers.insert(customer);
        audit.record("CUSTOMER_CREATED", "customer", id, null);
        timeline.record(id, "PROFILE", "CUSTOMER_CREATED", null, actor.username());
        if (placed.ownerId() != null) {
            pool.ownerChanged(id);
        }
        tags.refreshCustomer(id);
        events.publishEvent(new CustomerRegistered(id, placed.storeId(), placed.ownerId()));
        return customers.find(id, identity.scopeOf(actor)).map(Customer::view).orElseThrow();
    }

    public CustomerView change(long id, CustomerDetails details, CurrentUser actor) {
        Customer customer =
                customers.find(id, identity.scopeOf(actor)).orElseThrow(() -> NotFoundException.of("Customer", id));
        CustomerView before = customer.view();
        customer.change(withinScope(details, actor), clock.instant());
        customers.update(customer);
        audit.record("CUSTOMER_UPDATED", "customer", id, null);
        var changed = ProfileChanges.between(before, customer.view());
        if (!changed.isEmpty()) {
            timeline.record(id, "PROFILE", "CUSTOMER_UPDATED", String.join(", ", changed), actor.username());
        }
        tags.refreshCustomer(id);
        return customers.find(id, identity.scopeOf(actor)).map(Customer::view).orElseThrow();
    }

    /** Places a customer inside the actor's data scope: own-scope users own it, store-scope users keep it in their store. */
    static CustomerDetails withinScope(CustomerDetails d, CurrentUser actor) {
        Long storeId = d.storeId() != null ? d.storeId() : actor.storeId();
        Long ownerId = d.ownerId();
        if (actor.scope() == DataScope.OWN || actor.scope() == DataScope.TEAM && ownerId == null) {
            ownerId = actor.id();
        }
        if (actor.scope() == DataScope.STORE && actor.storeId() != null) {
            storeId = actor.storeId();
        }
        return d.placedAt(storeId, ownerId);
    }
}
