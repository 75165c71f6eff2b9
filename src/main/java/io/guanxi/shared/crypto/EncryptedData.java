package io.guanxi.shared.crypto;

import java.util.List;

/**
 * Encrypted data that a module keeps in one table of its own (uploaded files, previews ...), as the
 * key rotation sees it. The module implements it as a bean; the rotation finds every such bean and
 * includes it in the key status, in the re-encryption pass and in the start-up check that refuses
 * keys that are gone, so that no module's data is left under a key that is about to be removed, and
 * the rotation need not know the module.
 */
public interface EncryptedData {

    /** Rows of a table under one encryption key; a null key means rows stored before encryption (plaintext). */
    record KeyCount(String table, String key, long rows) {}

    /** The table, as the key status and the pass's outcome name it. */
    String table();

    /** How many rows sit under each key (rows without encrypted data left out). */
    List<KeyCount> usage();

    /**
     * Re-encrypts one batch of rows not under the active key (with {@code plaintextOnly}, of rows
     * stored before encryption only) and answers how many it moved: 0 when none is left to take.
     * The caller runs each batch in a transaction of its own; the rows are locked with {@code FOR
     * UPDATE SKIP LOCKED}, so that two passes share the rows and a concurrent writer is never
     * overwritten. A batch leaves its rows under the active key, so that the next one finds others.
     */
    int reencryptBatch(boolean plaintextOnly);
}
