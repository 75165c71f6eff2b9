package io.guanxi.customer.domain;

import io.guanxi.customer.domain.PersonalData.Field;
import io.guanxi.identity.AuditTrail;
import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.Permission;
import io.guanxi.shared.crypto.EncryptedData;
import io.guanxi.shared.crypto.FieldCipher;
import io.guanxi.shared.crypto.Keyring;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves personal data to the active keys: rows written under an older encryption key or index key,
 * and rows written before encryption existed (no key: plaintext), are decrypted, encrypted again and
 * re-hashed. Batches of {@value #BATCH} rows in their own transactions, each locked with {@code FOR
 * UPDATE SKIP LOCKED}: two instances running the pass share the work instead of repeating it, a
 * user's concurrent write is never overwritten, and a stopped pass resumes where it stopped (the
 * keys a row names say whether it is done).
 *
 * <p>Other modules' encrypted data (uploaded import files, their previews ...) takes part through
 * the {@link EncryptedData} beans they declare: in the status, in the pass (batch by batch, each in
 * its own transaction), in its outcome and audit line, and in the start-up check.
 *
 * <p>At start-up the pass runs for plaintext rows only, and the start fails when a row names an
 * encryption key that is no longer configured (its data could not be read).
 */
@Service
@Order(0)
public class KeyRotation implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);
    static final int BATCH = 2_000;

    /** How many rows of a table sit under an encryption key and an index key (null key: plaintext). */
    public record KeyUsage(String table, String key, String indexKey, long rows) {}

    /**
     * What a pass did: rows moved per table (those of other modules in {@code otherTables}, by table),
     * and rows still not under the active keys.
     */
    public record Outcome(long customers, long contacts, long merges, Map<String, Long> otherTables, long remaining)
            implements java.io.Serializable {

        public Outcome {
            otherTables = new LinkedHashMap<>(otherTables);
        }

        /** The rows moved in other modules' tables. */
        public long otherRows() {
            return otherTables.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private record Table(String name, List<Field> fields, List<String> columns, List<String> hashColumns) {}

    private static final Table CUSTOMER = new Table(
            "customer",
            List.of(Field.PHONE, Field.EMAIL, Field.ID_NUMBER, Field.STREET),
            List.of("phone", "email", "id_number", "street"),
            java.util.Arrays.asList("phone_hash", "email_hash", "id_number_hash", null));

    private static final Table CONTACT = new Table(
            "customer_contact",
            List.of(Field.CONTACT_PHONE, Field.CONTACT_EMAIL),
            List.of("phone", "email"),
            List.of("phone_hash", "email_hash"));

    private static final Table MERGE = new Table(
            "customer_merge",
            List.of(Field.MERGE_SNAPSHOT),
            List.of("survivor_before"),
            java.util.Arrays.asList((String) null));

    private static final List<Table> TABLES = List.of(CUSTOMER, CONTACT, MERGE);

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;
    private final PersonalData personal;
    private final Keyring keyring;
    private final AuditTrail audit;
    private final List<EncryptedData> others;

    KeyRotation(
            JdbcClient jdbc,
            JdbcTemplate template,
            TransactionTemplate transactions,
            PersonalData personal,
            Keyring keyring,
            AuditTrail audit,
            List<EncryptedData> others) {
        this.jdbc = jdbc;
        this.template = template;
        this.transactions = transactions;
        this.personal = personal;
        this.keyring = keyring;
        this.audit = audit;
        this.others = List.copyOf(others);
    }

    /** The keys in force and how many rows each pair of keys holds. */
    public record KeyStatus(
            String activeKey,
            String activeIndexKey,
            Set<String> configuredKeys,
            Set<String> configuredIndexKeys,
            List<KeyUsage> usage) {}

    public KeyStatus status(CurrentUser actor) {
        requirePrivacyAdmin(actor);
        return new KeyStatus(
                keyring.activeKey(), keyring.activeIndexKey(), keyring.keyIds(), keyring.indexKeyIds(), usage());
    }

    /**
     * The administrator's re-encryption: every row not under the active keys moves to them (a
     * rotation of the encryption key, of the index key, or both). Audited before and after.
     */
    public Outcome reencrypt(CurrentUser actor) {
        requirePrivacyAdmin(actor);
        String target = "key " + keyring.activeKey() + ", index key " + keyring.activeIndexKey();
        audit.record("PERSONAL_DATA_REENCRYPTION_STARTED", "privacy", null, target);
        Outcome outcome = reencrypt(false);
        audit.record(
                "PERSONAL_DATA_REENCRYPTED",
                "privacy",
                null,
                target + ": " + outcome.customers() + " customers, " + outcome.contacts() + " contacts, "
                        + outcome.merges() + " merge snapshots, " + otherRows(outcome) + outcome.remaining()
                        + " remaining");
        return outcome;
    }

    private static String otherRows(Outcome outcome) {
        StringBuilder rows = new StringBuilder();
        outcome.otherTables()
                .forEach((table, moved) ->
                        rows.append(moved).append(" rows of ").append(table).append(", "));
        return rows.toString();
    }

    private static void requirePrivacyAdmin(CurrentUser actor) {
        if (!actor.can(Permission.PRIVACY_ADMIN)) {
            throw new org.springframework.security.access.AccessDeniedException("Needs PRIVACY_ADMIN");
        }
    }

    /** At start-up: refuse keys that are gone, encrypt rows still in plaintext. */
    @Override
    public void run(ApplicationArguments args) {
        List<KeyUsage> usage = usage();
        List<KeyUsage> gone = usage.stream()
                .filter(u -> u.key() != null && !keyring.keyIds().contains(u.key()))
                .toList();
        if (!gone.isEmpty()) {
            List<String> missing =
                    gone.stream().map(KeyUsage::key).distinct().sorted().toList();
            Set<String> tables =
                    new TreeSet<>(gone.stream().map(KeyUsage::table).toList());
            throw new IllegalStateException("Personal data is encrypted with key(s) " + missing
                    + " that guanxi.privacy.keys no longer lists (rows in " + String.join(", ", tables)
                    + "); put them back (docs/privacy.md)");
        }
        if (usage.stream().anyMatch(u -> u.key() == null)) {
            long started = System.nanoTime();
            Outcome outcome = reencrypt(true);
            log.info(
                    "Encrypted the personal data of {} customers, {} contacts, {} merge snapshots and {} rows of"
                            + " other tables {} written before encryption in {} ms",
                    outcome.customers(),
                    outcome.contacts(),
                    outcome.merges(),
                    outcome.otherRows(),
                    outcome.otherTables().keySet(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Rows per table and key pair; other modules' tables have no index key. */
    public List<KeyUsage> usage() {
        List<KeyUsage> usage = new ArrayList<>();
        for (Table table : TABLES) {
            jdbc.sql("SELECT pii_key, pii_index_key, COUNT(*) FROM " + table.name()
                            + " GROUP BY pii_key, pii_index_key ORDER BY pii_key, pii_index_key")
                    .query(rs -> {
                        usage.add(new KeyUsage(table.name(), rs.getString(1), rs.getString(2), rs.getLong(3)));
                    });
        }
        for (EncryptedData other : others) {
            for (EncryptedData.KeyCount count : other.usage()) {
                usage.add(new KeyUsage(count.table(), count.key(), null, count.rows()));
            }
        }
        return usage;
    }

    /** Moves every row not under the active keys (or, with plaintextOnly, every row under no key). */
    public Outcome reencrypt(boolean plaintextOnly) {
        long customers = pass(CUSTOMER, plaintextOnly);
        long contacts = pass(CONTACT, plaintextOnly);
        long merges = pass(MERGE, plaintextOnly);
        Map<String, Long> otherTables = new LinkedHashMap<>();
        for (EncryptedData other : others) {
            otherTables.merge(other.table(), pass(other, plaintextOnly), Long::sum);
        }
        long remaining = 0;
        for (Table table : TABLES) {
            remaining += jdbc.sql("SELECT COUNT(*) FROM " + table.name() + " WHERE " + pending(false))
                    .params(Map.of("key", personal.activeKey(), "index_key", personal.activeIndexKey()))
                    .query(Long.class)
                    .single();
        }
        for (EncryptedData other : others) {
            remaining += other.usage().stream()
                    .filter(u -> !Objects.equals(u.key(), personal.activeKey()))
                    .mapToLong(EncryptedData.KeyCount::rows)
                    .sum();
        }
        return new Outcome(customers, contacts, merges, otherTables, remaining);
    }

    /** Another module's batches, each in a transaction of its own, until one finds nothing to move. */
    private long pass(EncryptedData other, boolean plaintextOnly) {
        long moved = 0;
        while (true) {
            Integer batch = transactions.execute(status -> other.reencryptBatch(plaintextOnly));
            if (batch == null || batch == 0) {
                return moved;
            }
            moved += batch;
        }
    }

    private static String pending(boolean plaintextOnly) {
        return plaintextOnly
                ? "pii_key IS NULL"
                : "(pii_key IS NULL OR pii_key <> :key OR pii_index_key IS NULL OR pii_index_key <> :index_key)";
    }

    private long pass(Table table, boolean plaintextOnly) {
        String select = "SELECT id, pii_key, " + String.join(", ", table.columns()) + " FROM " + table.name()
                + " WHERE id > :after AND " + pending(plaintextOnly) + " ORDER BY id LIMIT " + BATCH
                + " FOR UPDATE SKIP LOCKED";
        StringBuilder update = new StringBuilder("UPDATE ").append(table.name()).append(" SET ");
        for (int i = 0; i < table.columns().size(); i++) {
            update.append(table.columns().get(i)).append(" = ?, ");
            if (table.hashColumns().get(i) != null) {
                update.append(table.hashColumns().get(i)).append(" = ?, ");
            }
        }
        update.append("pii_key = ?, pii_index_key = ? WHERE id = ?");
        long moved = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<Object[]> rows = transactions.execute(status -> {
                List<Object[]> changes = new ArrayList<>();
                jdbc.sql(select)
                        .params(Map.of(
                                "after", from, "key", personal.activeKey(), "index_key", personal.activeIndexKey()))
                        .query(rs -> {
                            changes.add(moved(table, rs.getLong(1), rs.getString(2), rs));
                        });
                if (!changes.isEmpty()) {
                    template.batchUpdate(update.toString(), changes);
                }
                return changes;
            });
            if (rows == null || rows.isEmpty()) {
                return moved;
            }
            moved += rows.size();
            after = (Long) rows.get(rows.size() - 1)[rows.get(rows.size() - 1).length - 1];
        }
    }

    /** The UPDATE parameters of one row: each value under the active key with its hash, then the keys and id. */
    private Object[] moved(Table table, long id, String rowKey, java.sql.ResultSet rs) throws java.sql.SQLException {
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < table.fields().size(); i++) {
            Field field = table.fields().get(i);
            String stored = rs.getString(3 + i);
            // a row under no key was written in plaintext, whatever its text looks like
            String plain = rowKey == null ? stored : personal.decrypt(field, stored);
            if (rowKey != null && stored != null && !FieldCipher.isEncrypted(stored)) {
                log.warn(
                        "{} {} names key {} but holds plaintext in {}; encrypting it", table.name(), id, rowKey, field);
            }
            params.add(personal.encrypt(field, plain));
            if (table.hashColumns().get(i) != null) {
                params.add(personal.hash(field, plain));
            }
        }
        params.add(personal.activeKey());
        params.add(personal.activeIndexKey());
        params.add(id);
        return params.toArray();
    }
}
