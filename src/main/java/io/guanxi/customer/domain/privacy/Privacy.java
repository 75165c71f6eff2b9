package io.guanxi.customer.domain.privacy;

import io.guanxi.customer.Consent;
import io.guanxi.customer.Contact;
import io.guanxi.customer.ContactChannel;
import io.guanxi.customer.CustomerView;
import io.guanxi.customer.PersonalDataHolder;
import io.guanxi.customer.domain.Customer;
import io.guanxi.customer.domain.CustomerContacts;
import io.guanxi.customer.domain.CustomerMerges;
import io.guanxi.customer.domain.CustomerRepository;
import io.guanxi.customer.domain.Masking;
import io.guanxi.customer.domain.tags.Tags;
import io.guanxi.customer.domain.timeline.CustomerTimeline;
import io.guanxi.identity.AuditTrail;
import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.Permission;
import io.guanxi.imports.ImportApi;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.InvalidRequestException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal data rights (PIPL / GDPR style): what a user sees of a customer (masked without
 * {@link Permission#PII_READ}; revealing is audited), consent per channel with its history, the
 * subject access export and erasure — both audited administrator actions that reach every module
 * holding personal data through {@link PersonalDataHolder}.
 */
@Service
@Transactional
public class Privacy {

    private final CustomerRepository customers;
    private final Tags tags;
    private final CustomerContacts contacts;
    private final CustomerMerges merges;
    private final CustomerTimeline timeline;
    private final ImportApi imports;
    private final List<PersonalDataHolder> holders;
    private final IdentityApi identity;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final io.guanxi.shared.jobs.CompletedEvents completedEvents;

    Privacy(
            CustomerRepository customers,
            Tags tags,
            CustomerContacts contacts,
            CustomerMerges merges,
            CustomerTimeline timeline,
            ImportApi imports,
            List<PersonalDataHolder> holders,
            IdentityApi identity,
            AuditTrail audit,
            JdbcClient jdbc,
            Clock clock,
            io.guanxi.shared.jobs.CompletedEvents completedEvents) {
        this.completedEvents = completedEvents;
        this.customers = customers;
        this.tags = tags;
        this.contacts = contacts;
        this.merges = merges;
        this.timeline = timeline;
        this.imports = imports;
        this.holders = holders;
        this.identity = identity;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The customer as this user may see it: masked unless the user holds PII_READ. */
    public static CustomerView shown(CustomerView c, CurrentUser actor) {
        return actor.can(Permission.PII_READ) ? c : Masking.view(c);
    }

    /** The unmasked customer for a user with the right; every reveal is audited. */
    public CustomerView reveal(long customerId, CurrentUser actor) {
        if (!actor.can(Permission.PII_READ)) {
            throw new org.springframework.security.access.AccessDeniedException("Revealing needs PII_READ");
        }
        CustomerView c = find(customerId, actor).view();
        audit.record("CUSTOMER_PII_REVEALED", "customer", customerId, null);
        return c;
    }

    /** The consent in force per channel (channels never asked are absent). */
    @Transactional(readOnly = true)
    public Map<ContactChannel, Consent> consents(long customerId) {
        Map<ContactChannel, Consent> current = new EnumMap<>(ContactChannel.class);
        history(customerId).forEach(c -> current.put(c.channel(), c)); // oldest first, so the latest wins
        return current;
    }

    @Transactional(readOnly = true)
    public List<Consent> history(long customerId) {
        return jdbc.sql("SELECT channel, granted, source, recorded_at, recorded_by FROM customer_consent"
                        + " WHERE customer_id = ? ORDER BY recorded_at, id")
                .param(customerId)
                .query((rs, n) -> new Consent(
                        ContactChannel.valueOf(rs.getString(1)),
                        rs.getBoolean(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getString(5)))
                .list();
    }

    /** True only when the customer's latest word on the channel was yes. */
    @Transactional(readOnly = true)
    public boolean consented(long customerId, ContactChannel channel) {
        Consent consent = consents(customerId).get(channel);
        return consent != null && consent.granted();
    }

    /** Records a grant or withdrawal; the source says where it was given (form, store, call, import ...). */
    public Consent recordConsent(
            long customerId, ContactChannel channel, boolean granted, String source, CurrentUser actor) {
        find(customerId, actor);
        String cleanSource = source == null ? "" : source.strip();
        if (cleanSource.isEmpty() || cleanSource.length() > 60) {
            throw InvalidRequestException.forField("source", "must be 1 to 60 characters");
        }
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO customer_consent (customer_id, channel, granted, source, recorded_at, recorded_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(customerId, channel.name(), granted, cleanSource, Timestamp.from(now), actor.username())
                .update();
        audit.record(
                granted ? "CONSENT_GRANTED" : "CONSENT_WITHDRAWN",
                "customer",
                customerId,
                channel + " via " + cleanSource);
        return new Consent(channel, granted, cleanSource, now, actor.username());
    }

    /** Everything held about one customer, for the customer (subject access request); audited. */
    public Map<String, Object> subjectExport(long customerId, CurrentUser actor) {
        requirePrivacyAdmin(actor);
        CustomerView c = find(customerId, actor).view();
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("exportedAt", clock.instant());
        export.put("customer", c);
        export.put(
                "externalIds",
                jdbc.sql("SELECT source, external_id FROM customer_external_id WHERE customer_id = ? ORDER BY source")
                        .param(customerId)
                        .query()
                        .listOfRows());
        export.put("contacts", contacts.of(customerId, identity.scopeOf(actor)));
        export.put("tags", tags.of(customerId).stream().map(t -> t.name()).toList());
        export.put("figures", tags.metrics(customerId));
        export.put("consents", history(customerId));
        export.put(
                "merges",
                jdbc.sql("SELECT survivor_id, merged_id, merged_at, merged_by, undone_at FROM customer_merge"
                                + " WHERE survivor_id = ? OR merged_id = ? ORDER BY merged_at")
                        .params(customerId, customerId)
                        .query()
                        .listOfRows());
        export.put(
                "accessLog",
                jdbc.sql("SELECT occurred_at, actor_name, action FROM audit_event WHERE entity_type = 'customer'"
                                + " AND entity_id = ? ORDER BY occurred_at")
                        .param(String.valueOf(customerId))
                        .query()
                        .listOfRows());
        for (PersonalDataHolder holder : holders) {
            export.put(holder.section(), holder.export(customerId));
        }
        audit.record("CUSTOMER_SUBJECT_EXPORTED", "customer", customerId, null);
        return export;
    }

    /**
     * Erases a customer's personal data on request: the record is anonymised (orders and aggregates
     * stay), and so are the records merged into it (hidden, but holding the same person's data);
     * their contacts, external ids, manual tags and open duplicate pairs go; the merges they took
     * part in lose their snapshots and can no longer be undone; notes and message texts leave the
     * timeline; import reports and previews that quote the person's phone, email, identity number or
     * street stop quoting them; completed event publications (which may quote the person) are deleted;
     * and every module holding personal data erases its part. Cannot be
     * undone; audited.
     */
    public CustomerView erase(long customerId, CurrentUser actor) {
        requirePrivacyAdmin(actor);
        Customer customer = find(customerId, actor);
        Instant now = clock.instant();
        if (jdbc.sql("SELECT erased_at IS NOT NULL FROM customer WHERE id = ?")
                .param(customerId)
                .query(Boolean.class)
                .single()) {
            throw ConflictException.because("Customer " + customerId + " is already erased");
        }
        Set<Long> records = new LinkedHashSet<>();
        records.add(customerId);
        records.addAll(customers.mergedInto(customerId));
        List<CustomerView> held = new ArrayList<>();
        List<Contact> heldContacts = new ArrayList<>();
        for (long id : records) {
            Customer record =
                    id == customerId ? customer : customers.findRecord(id).orElseThrow();
            held.add(record.view());
            record.anonymise(now);
            customers.update(record);
            heldContacts.addAll(contacts.removeAll(id));
        }
        held.addAll(merges.forget(records, now));
        jdbc.sql("UPDATE customer SET erased_at = :now WHERE id IN (:ids)")
                .param("now", Timestamp.from(now))
                .param("ids", records)
                .update();
        jdbc.sql("DELETE FROM customer_external_id WHERE customer_id IN (:ids)")
                .param("ids", records)
                .update();
        jdbc.sql("DELETE FROM customer_tag WHERE customer_id IN (:ids)"
                        + " AND tag_id IN (SELECT id FROM tag WHERE rule IS NULL)")
                .param("ids", records)
                .update();
        jdbc.sql("DELETE FROM duplicate_candidate WHERE (left_id IN (:ids) OR right_id IN (:ids)) AND status = 'OPEN'")
                .param("ids", records)
                .update();
        timeline.erase(records);
        imports.forget(quotable(held, heldContacts));
        for (PersonalDataHolder holder : holders) {
            for (long id : records) {
                holder.erase(id);
            }
        }
        tags.refreshCustomer(customerId);
        completedEvents.deleteAll(); // handled events kept as JSON may quote the person
        audit.record(
                "CUSTOMER_ERASED",
                "customer",
                customerId,
                records.size() == 1 ? null : "with the records merged into it: " + records);
        return customer.view();
    }

    /** The person's values as a file or a report line may quote them (a phone with and without +86). */
    private static Set<String> quotable(List<CustomerView> views, List<Contact> contacts) {
        Set<String> values = new LinkedHashSet<>();
        for (CustomerView v : views) {
            addPhone(values, v.phone());
            values.add(v.email());
            values.add(v.idNumber());
            values.add(v.street());
        }
        for (Contact c : contacts) {
            addPhone(values, c.phone());
            values.add(c.email());
        }
        values.remove(null);
        return values;
    }

    private static void addPhone(Set<String> values, String phone) {
        if (phone != null) {
            values.add(phone);
            if (phone.startsWith("+86")) {
                values.add(phone.substring(3));
            }
        }
    }

    private void requirePrivacyAdmin(CurrentUser actor) {
        if (!actor.can(Permission.PRIVACY_ADMIN)) {
            throw new org.springframework.security.access.AccessDeniedException("Needs PRIVACY_ADMIN");
        }
    }

    /** Fails with 404 unless the customer lies inside the user's data scope. */
    @Transactional(readOnly = true)
    public void requireVisible(long customerId, CurrentUser actor) {
        find(customerId, actor);
    }

    private Customer find(long customerId, CurrentUser actor) {
        return customers.requireVisible(customerId, identity.scopeOf(actor));
    }
}
