package io.guanxi.customer.domain;

import io.guanxi.shared.crypto.BlindIndex;
import io.guanxi.shared.crypto.FieldCipher;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The customer data that is encrypted at rest — phone, email, identity number and street of
 * customers, phone and email of organisation contacts, the snapshots merges keep for their undo —
 * and their blind-index hashes. Each column
 * is bound to its own name as associated data; hashes are over the normalised value, so lookups
 * normalise the query first. See docs/privacy.md.
 */
@Component
public class PersonalData {

    /** An encrypted column: its table.column (the associated data) and the purpose of its hash. */
    public enum Field {
        PHONE("customer.phone", "phone"),
        EMAIL("customer.email", "email"),
        ID_NUMBER("customer.id_number", "id_number"),
        STREET("customer.street", null),
        CONTACT_PHONE("customer_contact.phone", "phone"),
        CONTACT_EMAIL("customer_contact.email", "email"),
        /** The survivor of a merge as it was before (JSON, for the undo). */
        MERGE_SNAPSHOT("customer_merge.survivor_before", null);

        final String context;
        final String hashPurpose;

        Field(String context, String hashPurpose) {
            this.context = context;
            this.hashPurpose = hashPurpose;
        }
    }

    private final FieldCipher cipher;
    private final BlindIndex index;

    PersonalData(FieldCipher cipher, BlindIndex index) {
        this.cipher = cipher;
        this.index = index;
    }

    public String encrypt(Field field, String plaintext) {
        return cipher.encrypt(plaintext, field.context);
    }

    public String decrypt(Field field, String stored) {
        return cipher.decrypt(stored, field.context);
    }

    /** The hash stored beside a normalised value (null for null). */
    public String hash(Field field, String normalised) {
        return index.hash(field.hashPurpose, normalised);
    }

    /** The hashes a lookup compares with: one per configured index key. */
    public List<String> lookupHashes(Field field, String normalised) {
        return index.lookupHashes(field.hashPurpose, normalised);
    }

    public String activeKey() {
        return cipher.activeKey();
    }

    public String activeIndexKey() {
        return index.activeIndexKey();
    }
}
