package io.guanxi.customer.domain;

import io.guanxi.customer.Contact;
import io.guanxi.customer.PartyType;
import io.guanxi.identity.AuditTrail;
import io.guanxi.identity.ScopeFilter;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contacts of organisation customers. One of them may be the primary contact; marking another
 * primary takes the mark from the first.
 */
@Service
@Transactional
public class CustomerContacts {

    private final JdbcClient jdbc;
    private final CustomerRepository customers;
    private final AuditTrail audit;
    private final Clock clock;
    private final PersonalData personal;

    CustomerContacts(
            JdbcClient jdbc, CustomerRepository customers, AuditTrail audit, Clock clock, PersonalData personal) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.audit = audit;
        this.clock = clock;
        this.personal = personal;
    }

    @Transactional(readOnly = true)
    public List<Contact> of(long customerId, ScopeFilter scope) {
        customers.requireVisible(customerId, scope);
        return jdbc.sql("SELECT id, name, title, phone, email, is_primary FROM customer_contact WHERE customer_id = ?"
                        + " ORDER BY is_primary DESC, name, id")
                .param(customerId)
                .query(this::contact)
                .list();
    }

    public Contact add(long customerId, Contact contact, ScopeFilter scope) {
        Customer customer = customers.requireVisible(customerId, scope);
        if (customer.view().partyType() != PartyType.ORGANISATION) {
            throw InvalidRequestException.because("Contacts belong to organisation customers");
        }
        Contact clean = normalised(contact);
        if (Boolean.TRUE.equals(clean.primary())) {
            clearPrimary(customerId);
        }
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO customer_contact (customer_id, name, title, phone, email, is_primary, created_at,"
                        + " phone_hash, email_hash, pii_key, pii_index_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        customerId,
                        clean.name(),
                        clean.title(),
                        personal.encrypt(PersonalData.Field.CONTACT_PHONE, clean.phone()),
                        personal.encrypt(PersonalData.Field.CONTACT_EMAIL, clean.email()),
                        clean.primary(),
                        Timestamp.from(clock.instant()),
                        personal.hash(PersonalData.Field.CONTACT_PHONE, clean.phone()),
                        personal.hash(PersonalData.Field.CONTACT_EMAIL, clean.email()),
                        personal.activeKey(),
                        personal.activeIndexKey())
                .update(keys, "id");
        long id = keys.getKey().longValue();
        audit.record("CONTACT_ADDED", "customer", customerId, "contact " + id);
        return new Contact(id, clean.name(), clean.title(), clean.phone(), clean.email(), clean.primary());
    }

    public Contact change(long customerId, long contactId, Contact contact, ScopeFilter scope) {
        customers.requireVisible(customerId, scope);
        Contact clean = normalised(contact);
        if (Boolean.TRUE.equals(clean.primary())) {
            clearPrimary(customerId);
        }
        int updated = jdbc.sql("UPDATE customer_contact SET name = ?, title = ?, phone = ?, email = ?, is_primary = ?,"
                        + " phone_hash = ?, email_hash = ?, pii_key = ?, pii_index_key = ?"
                        + " WHERE id = ? AND customer_id = ?")
                .params(
                        clean.name(),
                        clean.title(),
                        personal.encrypt(PersonalData.Field.CONTACT_PHONE, clean.phone()),
                        personal.encrypt(PersonalData.Field.CONTACT_EMAIL, clean.email()),
                        clean.primary(),
                        personal.hash(PersonalData.Field.CONTACT_PHONE, clean.phone()),
                        personal.hash(PersonalData.Field.CONTACT_EMAIL, clean.email()),
                        personal.activeKey(),
                        personal.activeIndexKey(),
                        contactId,
                        customerId)
                .update();
        if (updated == 0) {
            throw NotFoundException.of("Contact", contactId);
        }
        audit.record("CONTACT_CHANGED", "customer", customerId, "contact " + contactId);
        return new Contact(contactId, clean.name(), clean.title(), clean.phone(), clean.email(), clean.primary());
    }

    public void remove(long customerId, long contactId, ScopeFilter scope) {
        customers.requireVisible(customerId, scope);
        if (jdbc.sql("DELETE FROM customer_contact WHERE id = ? AND customer_id = ?")
                        .params(contactId, customerId)
                        .update()
                == 0) {
            throw NotFoundException.of("Contact", contactId);
        }
        audit.record("CONTACT_REMOVED", "customer", customerId, "contact " + contactId);
    }

    /** A row of {@code id, name, title, phone, email, is_primary}, decrypted. */
    private Contact contact(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Contact(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                personal.decrypt(PersonalData.Field.CONTACT_PHONE, rs.getString(4)),
                personal.decrypt(PersonalData.Field.CONTACT_EMAIL, rs.getString(5)),
                rs.getBoolean(6));
    }

    /** Removes every contact of a customer (erasure), answering what they were. */
    public List<Contact> removeAll(long customerId) {
        List<Contact> removed = jdbc.sql(
                        "SELECT id, name, title, phone, email, is_primary FROM customer_contact WHERE customer_id = ?")
                .param(customerId)
                .query(this::contact)
                .list();
        jdbc.sql("DELETE FROM customer_contact WHERE customer_id = ?")
                .param(customerId)
                .update();
        return removed;
    }

    private void clearPrimary(long customerId) {
        jdbc.sql("UPDATE customer_contact SET is_primary = FALSE WHERE customer_id = ?")
                .param(customerId)
                .update();
    }

    private static Contact normalised(Contact c) {
        String name = ContactNormaliser.text(c.name());
        if (name == null) {
            throw InvalidRequestException.forField("name", "is required");
        }
        return new Contact(
                c.id(),
                name,
                ContactNormaliser.text(c.title()),
                ContactNormaliser.phone(c.phone()),
                ContactNormaliser.email(c.email()),
                c.primary());
    }
}
