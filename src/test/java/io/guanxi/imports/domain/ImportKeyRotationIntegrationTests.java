package io.guanxi.imports.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guanxi.customer.domain.KeyRotation;
import io.guanxi.customer.domain.KeyRotation.KeyUsage;
import io.guanxi.shared.crypto.EncryptedData;
import io.guanxi.shared.crypto.FieldCipher;
import io.guanxi.shared.crypto.Keyring;
import io.guanxi.shared.crypto.PrivacyProperties;
import io.guanxi.support.IntegrationTest;
import io.guanxi.support.TestDatabase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uploaded files and their previews follow a key rotation: they move to the active key, read without
 * the old one afterwards, show in the key status, and a key they still need stops the start.
 */
@IntegrationTest
@Tag("postgres")
class ImportKeyRotationIntegrationTests {

    static final String KEY_B = "pOPFhec5S54ogJXeqEacJyAJVvaWBaa+aSvp/W2jqBs=";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate template;

    @Autowired
    JsonMapper json;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ImportFiles files;

    @Autowired
    ImportJobRepository jobs;

    @Autowired
    KeyRotation rotation;

    /** A little over two chunks: a CSV line with personal data, then noise. */
    private static byte[] content() {
        byte[] content = new byte[ImportFiles.CHUNK * 2 + 4096];
        new Random(7).nextBytes(content);
        byte[] line = "会员号,手机\nM-1,13812345678\n".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(line, 0, content, 0, line.length);
        return content;
    }

    private long upload(byte[] content) {
        long id = jobs.create("customer", "rotation.csv", "it-rotation", 1L, Instant.now());
        var stored = files.store(id, new ByteArrayInputStream(content));
        jobs.describeFile(
                id,
                FileFormat.CSV,
                "UTF-8",
                ',',
                stored.size(),
                List.of("会员号", "手机"),
                List.of(List.of("M-1", "13812345678")),
                new ColumnMapping(Map.of()));
        return id;
    }

    private List<String> chunkKeys(long id) {
        return jdbc.sql("SELECT data_key FROM import_file_chunk WHERE import_id = ? ORDER BY seq")
                .param(id)
                .query(String.class)
                .list();
    }

    private String sample(long id) {
        return jdbc.sql("SELECT sample FROM import_job WHERE id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    /** A chunk in the form chunks had before they were encrypted as bytes: their base64 text as a text value. */
    private void storeInTextForm(long id, int seq, byte[] plain, FieldCipher under) {
        byte[] textForm = under.encrypt(
                        java.util.Base64.getEncoder().encodeToString(plain), "import_file_chunk.data:" + id + ":" + seq)
                .getBytes(StandardCharsets.US_ASCII);
        jdbc.sql("INSERT INTO import_file_chunk (import_id, seq, data, data_key) VALUES (?, ?, ?, ?)")
                .params(id, seq, textForm, FieldCipher.keyIdOf(new String(textForm, StandardCharsets.US_ASCII)))
                .update();
    }

    private void drain(EncryptedData data, boolean plaintextOnly) {
        for (int i = 0; i < 10_000; i++) {
            Integer moved = transactions.execute(status -> data.reencryptBatch(plaintextOnly));
            if (moved == null || moved == 0) {
                return;
            }
        }
        throw new AssertionError("the pass over " + data.table() + " did not end");
    }

    private static FieldCipher cipher(Map<String, String> keys, String active) {
        return new FieldCipher(Keyring.of(
                new PrivacyProperties(keys, active, Map.of("itest1", TestDatabase.TEST_INDEX_KEY), "itest1", null)));
    }

    @Test
    void filesAndPreviewsMoveToTheActiveKeyAndReadWithoutTheOldOne() throws Exception {
        byte[] content = content();
        long id = upload(content);
        assertThat(chunkKeys(id)).containsExactly("test1", "test1", "test1");
        assertThat(sample(id)).startsWith("g1:test1:").doesNotContain("13812345678");

        FieldCipher toB = cipher(Map.of("test1", TestDatabase.TEST_KEY, "b2", KEY_B), "b2");
        FieldCipher back = cipher(Map.of("test1", TestDatabase.TEST_KEY, "b2", KEY_B), "test1");
        try {
            drain(new ImportFiles(jdbc, toB), false);
            drain(new ImportPreviews(jdbc, toB), false);
            assertThat(chunkKeys(id)).containsExactly("b2", "b2", "b2");
            assertThat(new String(
                            jdbc.sql("SELECT data FROM import_file_chunk WHERE import_id = ? AND seq = 0")
                                    .param(id)
                                    .query(byte[].class)
                                    .single(),
                            StandardCharsets.US_ASCII))
                    .startsWith("g1b:b2:");
            assertThat(sample(id)).startsWith("g1:b2:");
            assertThat(new ImportFiles(jdbc, toB).usage())
                    .extracting(EncryptedData.KeyCount::key)
                    .containsExactly("b2");
            assertThat(new ImportPreviews(jdbc, toB).usage())
                    .extracting(EncryptedData.KeyCount::key)
                    .containsExactly("b2");

            // the old key removed: the file and its preview still read, byte for byte
            FieldCipher onlyB = cipher(Map.of("b2", KEY_B), "b2");
            try (var in = new ImportFiles(jdbc, onlyB).open(id)) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
            assertThat(new ImportJobRepository(jdbc, template, json, onlyB)
                            .find(id)
                            .orElseThrow()
                            .sample())
                    .containsExactly(List.of("M-1", "13812345678"));
        } finally {
            drain(new ImportFiles(jdbc, back), false);
            drain(new ImportPreviews(jdbc, back), false);
        }
        assertThat(chunkKeys(id)).containsExactly("test1", "test1", "test1");
        try (var in = files.open(id)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void aFileStoredBeforeEncryptionIsEncryptedByThePlaintextPass() throws Exception {
        long id = jobs.create("customer", "legacy.csv", "it-rotation", 1L, Instant.now());
        byte[] plain = "会员号,手机\nM-9,13812345699\n".getBytes(StandardCharsets.UTF_8);
        jdbc.sql("INSERT INTO import_file_chunk (import_id, seq, data) VALUES (?, 0, ?)")
                .params(id, plain)
                .update();
        assertThat(rotation.usage()).contains(new KeyUsage("import_file_chunk", null, null, 1));

        rotation.run(null);

        assertThat(chunkKeys(id)).containsExactly("test1");
        byte[] stored = jdbc.sql("SELECT data FROM import_file_chunk WHERE import_id = ?")
                .param(id)
                .query(byte[].class)
                .single();
        assertThat(new String(stored, StandardCharsets.US_ASCII))
                .startsWith("g1b:test1:")
                .doesNotContain("1381234");
        try (var in = files.open(id)) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }
        assertThat(rotation.usage()).noneMatch(u -> u.table().startsWith("import_") && u.key() == null);
    }

    @Test
    void aChunkStoredAsEncryptedBase64TextStillReadsAndMovesToTheBytesForm() throws Exception {
        long id = jobs.create("customer", "text-form.csv", "it-rotation", 1L, Instant.now());
        byte[] plain = "会员号,手机\nM-8,13812345688\n".getBytes(StandardCharsets.UTF_8);
        FieldCipher old = cipher(Map.of("test1", TestDatabase.TEST_KEY, "b2", KEY_B), "test1");
        storeInTextForm(id, 0, plain, old);
        assertThat(chunkKeys(id)).containsExactly("test1");
        try (var in = files.open(id)) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }

        FieldCipher toB = cipher(Map.of("test1", TestDatabase.TEST_KEY, "b2", KEY_B), "b2");
        try {
            drain(new ImportFiles(jdbc, toB), false);
            byte[] stored = jdbc.sql("SELECT data FROM import_file_chunk WHERE import_id = ?")
                    .param(id)
                    .query(byte[].class)
                    .single();
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).startsWith("g1b:b2:");
            assertThat(chunkKeys(id)).containsExactly("b2");
            try (var in = new ImportFiles(jdbc, cipher(Map.of("b2", KEY_B), "b2")).open(id)) {
                assertThat(in.readAllBytes()).isEqualTo(plain);
            }
        } finally {
            drain(new ImportFiles(jdbc, old), false);
            jdbc.sql("DELETE FROM import_job WHERE id = ?").param(id).update();
        }
    }

    @Test
    void theMigrationNamesTheKeyOfChunksStoredBeforeIt() throws Exception {
        // chunks were stored in the text form then
        long id = jobs.create("customer", "before-v28.csv", "it-rotation", 1L, Instant.now());
        FieldCipher old = cipher(Map.of("test1", TestDatabase.TEST_KEY), "test1");
        for (int seq = 0; seq < 3; seq++) {
            storeInTextForm(id, seq, ("M-" + seq + ",1381234567" + seq + "\n").getBytes(StandardCharsets.UTF_8), old);
        }
        jdbc.sql("UPDATE import_file_chunk SET data_key = NULL WHERE import_id = ?")
                .param(id)
                .update();
        String vendor = TestDatabase.postgres() ? "postgresql" : "h2";
        try (var sql = getClass()
                .getResourceAsStream("/db/migration/" + vendor + "/V28_1__imports_file_chunk_key_backfill.sql")) {
            String statement = new String(sql.readAllBytes(), StandardCharsets.UTF_8).strip();
            template.execute(statement.substring(0, statement.length() - 1)); // without its ';'
        }
        assertThat(chunkKeys(id)).containsExactly("test1", "test1", "test1");
        jdbc.sql("DELETE FROM import_job WHERE id = ?").param(id).update();
    }

    @Test
    void theKeyStatusCountsImportFilesAndTheStartUpCheckRefusesTheirMissingKey() {
        long id = upload(content());
        assertThat(rotation.usage())
                .anySatisfy(u -> assertThat(List.of(u.table(), String.valueOf(u.key())))
                        .containsExactly("import_file_chunk", "test1"))
                .anySatisfy(u ->
                        assertThat(List.of(u.table(), String.valueOf(u.key()))).containsExactly("import_job", "test1"));

        long lost = jobs.create("customer", "lost.csv", "it-rotation", 1L, Instant.now());
        jdbc.sql("INSERT INTO import_file_chunk (import_id, seq, data, data_key) VALUES (?, 0, ?, 'gone1')")
                .params(lost, "g1:gone1:AAAA".getBytes(StandardCharsets.US_ASCII))
                .update();
        try {
            assertThatThrownBy(() -> rotation.run(null))
                    .hasMessageContaining("[gone1]")
                    .hasMessageContaining("import_file_chunk");
        } finally {
            jdbc.sql("DELETE FROM import_job WHERE id IN (?, ?)")
                    .params(id, lost)
                    .update();
        }
        rotation.run(null);
    }
}
