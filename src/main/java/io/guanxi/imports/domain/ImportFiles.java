package io.guanxi.imports.domain;

import io.guanxi.shared.crypto.EncryptedData;
import io.guanxi.shared.crypto.FieldCipher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Uploaded files, kept in the database in 128 KiB chunks: whichever instance runs an import reads
 * the file from there, and a file is streamed in and out without ever being held whole in memory.
 * Files hold personal data, so every chunk is stored encrypted (AES-GCM under the active personal
 * data key, bound to its import and position), like the customer's own fields; each chunk names
 * its key ({@code data_key}), so that a key rotation moves the files too ({@link EncryptedData}).
 */
@Component
class ImportFiles implements EncryptedData {

    /**
     * Small enough that no object made while storing or reading a chunk (the sealed bytes, or an old
     * chunk's base64 text: about 1.8 times the chunk) reaches half a heap region at the smallest heaps (512 KiB at
     * 512 MiB), which the collector would allocate as humongous and answer with a marking cycle.
     */
    static final int CHUNK = 128 * 1024;

    static final int HEAD = 64 * 1024;

    /** Chunks re-encrypted per transaction (4 MiB): each is held a few times over while it moves. */
    static final int ROTATION_BATCH = 32;

    private final JdbcClient jdbc;
    private final FieldCipher cipher;

    ImportFiles(JdbcClient jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    private static String context(long importId, int seq) {
        return "import_file_chunk.data:" + importId + ":" + seq;
    }

    /** A chunk encrypted as bytes ({@link FieldCipher#encryptBytes}): no text form in between. */
    byte[] seal(long importId, int seq, byte[] chunk) {
        return cipher.encryptBytes(chunk, context(importId, seq));
    }

    /**
     * A stored chunk's bytes. Chunks stored before they were encrypted as bytes hold their base64 text
     * encrypted as a text value; chunks stored before encryption was introduced are read as they are.
     */
    byte[] unseal(long importId, int seq, byte[] stored) {
        if (FieldCipher.keyIdOfBytes(stored) != null) {
            return cipher.decryptBytes(stored, context(importId, seq));
        }
        String text = new String(stored, StandardCharsets.ISO_8859_1);
        if (!FieldCipher.isEncrypted(text)) {
            return stored;
        }
        return Base64.getDecoder().decode(cipher.decrypt(text, context(importId, seq)));
    }

    private static String keyOf(byte[] sealed) {
        String bytesKey = FieldCipher.keyIdOfBytes(sealed);
        return bytesKey != null
                ? bytesKey
                : FieldCipher.keyIdOf(new String(sealed, 0, Math.min(sealed.length, 40), StandardCharsets.US_ASCII));
    }

    @Override
    public String table() {
        return "import_file_chunk";
    }

    @Override
    public List<KeyCount> usage() {
        return jdbc.sql("SELECT data_key, COUNT(*) FROM import_file_chunk GROUP BY data_key ORDER BY data_key")
                .query((rs, n) -> new KeyCount(table(), rs.getString(1), rs.getLong(2)))
                .list();
    }

    /** Moves a few chunks to the active key (and to the bytes form), encrypted again with the same context. */
    @Override
    public int reencryptBatch(boolean plaintextOnly) {
        String pending = plaintextOnly ? "data_key IS NULL" : "(data_key IS NULL OR data_key <> :key)";
        record Chunk(long importId, int seq, byte[] data) {}
        List<Chunk> chunks = new ArrayList<>();
        jdbc.sql("SELECT import_id, seq, data FROM import_file_chunk WHERE " + pending
                        + " ORDER BY import_id, seq LIMIT " + ROTATION_BATCH + " FOR UPDATE SKIP LOCKED")
                .params(Map.of("key", cipher.activeKey()))
                .query(rs -> {
                    chunks.add(new Chunk(rs.getLong(1), rs.getInt(2), rs.getBytes(3)));
                });
        for (Chunk chunk : chunks) {
            byte[] moved = seal(chunk.importId(), chunk.seq(), unseal(chunk.importId(), chunk.seq(), chunk.data()));
            jdbc.sql("UPDATE import_file_chunk SET data = ?, data_key = ? WHERE import_id = ? AND seq = ?")
                    .params(moved, keyOf(moved), chunk.importId(), chunk.seq())
                    .update();
        }
        return chunks.size();
    }

    /** What storing a file learnt about it: its size, its first bytes and whether it is UTF-8. */
    record Stored(long size, byte[] head, Utf8Check utf8) {}

    Stored store(long importId, InputStream in) {
        Utf8Check utf8 = new Utf8Check();
        byte[] head = null;
        long size = 0;
        int seq = 0;
        try {
            while (true) {
                byte[] chunk = in.readNBytes(CHUNK);
                if (chunk.length == 0) {
                    break;
                }
                if (head == null) {
                    head = Arrays.copyOf(chunk, Math.min(HEAD, chunk.length));
                }
                utf8.update(chunk, 0, chunk.length);
                byte[] sealed = seal(importId, seq, chunk);
                jdbc.sql("INSERT INTO import_file_chunk (import_id, seq, data, data_key) VALUES (?, ?, ?, ?)")
                        .params(importId, seq, sealed, keyOf(sealed))
                        .update();
                seq++;
                size += chunk.length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The upload could not be read", e);
        }
        return new Stored(size, head == null ? new byte[0] : head, utf8);
    }

    /** The stored file as a stream that fetches one chunk at a time and counts what was read. */
    CountingStream open(long importId) {
        return new CountingStream(importId);
    }

    final class CountingStream extends InputStream {
        private final long importId;
        private int seq;
        private byte[] chunk = new byte[0];
        private int position;
        private long read;
        private boolean end;

        CountingStream(long importId) {
            this.importId = importId;
        }

        long bytesRead() {
            return read;
        }

        private boolean fill() {
            while (!end && position >= chunk.length) {
                int at = seq++;
                byte[] next = jdbc.sql("SELECT data FROM import_file_chunk WHERE import_id = ? AND seq = ?")
                        .params(importId, at)
                        .query((rs, n) -> unseal(importId, at, rs.getBytes(1)))
                        .optional()
                        .orElse(null);
                if (next == null) {
                    end = true;
                } else {
                    chunk = next;
                    position = 0;
                }
            }
            return !end;
        }

        @Override
        public int read() {
            if (!fill()) {
                return -1;
            }
            read++;
            return chunk[position++] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, chunk.length - position);
            System.arraycopy(chunk, position, buffer, offset, n);
            position += n;
            read += n;
            return n;
        }
    }
}
