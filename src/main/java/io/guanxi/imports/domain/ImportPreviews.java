package io.guanxi.imports.domain;

import io.guanxi.shared.crypto.EncryptedData;
import io.guanxi.shared.crypto.FieldCipher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The preview rows of uploads ({@code import_job.sample}, encrypted JSON) as key rotation sees
 * them. An encrypted value names its key in its first characters, so the key is read from there:
 * import jobs are few and their previews small.
 */
@Component
class ImportPreviews implements EncryptedData {

    static final int ROTATION_BATCH = 200;

    private final JdbcClient jdbc;
    private final FieldCipher cipher;

    ImportPreviews(JdbcClient jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    @Override
    public String table() {
        return "import_job";
    }

    @Override
    public List<KeyCount> usage() {
        Map<String, Long> rows = new TreeMap<>(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
        jdbc.sql("SELECT LEFT(sample, 40) FROM import_job WHERE sample IS NOT NULL")
                .query(rs -> {
                    rows.merge(FieldCipher.keyIdOf(rs.getString(1)), 1L, Long::sum);
                });
        List<KeyCount> usage = new ArrayList<>();
        rows.forEach((key, count) -> usage.add(new KeyCount(table(), key, count)));
        return usage;
    }

    @Override
    public int reencryptBatch(boolean plaintextOnly) {
        String prefix = plaintextOnly ? FieldCipher.PREFIX : FieldCipher.prefixOf(cipher.activeKey());
        List<Object[]> moved = new ArrayList<>();
        jdbc.sql("SELECT id, sample FROM import_job WHERE sample IS NOT NULL AND LEFT(sample, :length) <> :prefix"
                        + " ORDER BY id LIMIT " + ROTATION_BATCH + " FOR UPDATE SKIP LOCKED")
                .params(Map.of("length", prefix.length(), "prefix", prefix))
                .query(rs -> {
                    String plain = cipher.decrypt(rs.getString(2), ImportJobRepository.SAMPLE);
                    moved.add(new Object[] {cipher.encrypt(plain, ImportJobRepository.SAMPLE), rs.getLong(1)});
                });
        for (Object[] row : moved) {
            jdbc.sql("UPDATE import_job SET sample = ? WHERE id = ?")
                    .params(row)
                    .update();
        }
        return moved.size();
    }
}
