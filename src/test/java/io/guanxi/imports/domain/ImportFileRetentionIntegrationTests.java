package io.guanxi.imports.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.guanxi.support.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Uploaded files are deleted once their import finished longer ago than the retention period. */
@IntegrationTest
@Tag("postgres")
class ImportFileRetentionIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ImportFiles files;

    @Autowired
    ImportJobRepository jobs;

    @Autowired
    ImportFileRetention retention;

    private long upload(Instant finishedAt) {
        long id = jobs.create("customer", "retention.csv", "it-retention", 1L, Instant.now());
        files.store(id, new ByteArrayInputStream("会员号,手机\nM-1,13812345678\n".getBytes(StandardCharsets.UTF_8)));
        jobs.describeFile(
                id,
                FileFormat.CSV,
                "UTF-8",
                ',',
                40,
                List.of("会员号", "手机"),
                List.of(List.of("M-1", "13812345678")),
                new ColumnMapping(Map.of()));
        if (finishedAt != null) {
            jobs.finish(id, false, finishedAt);
        }
        return id;
    }

    private long chunks(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM import_file_chunk WHERE import_id = ?")
                .param(id)
                .query(Long.class)
                .single();
    }

    /** Whether the import records its file as deleted, and its preview is gone. */
    private boolean fileErased(long id) {
        return jdbc.sql(
                                "SELECT COUNT(*) FROM import_job WHERE id = ? AND file_erased_at IS NOT NULL AND sample IS NULL")
                        .param(id)
                        .query(Long.class)
                        .single()
                == 1;
    }

    @Test
    void filesOfImportsFinishedBeforeTheRetentionPeriodAreDeletedAndTheRestKept() {
        long old = upload(Instant.now().minus(Duration.ofDays(31)));
        long recent = upload(Instant.now().minus(Duration.ofDays(29)));
        long waiting = upload(null); // uploaded, not run yet: kept whatever its age
        jdbc.sql("UPDATE import_job SET created_at = ? WHERE id = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofDays(90))), waiting)
                .update();
        assertThat(chunks(old)).isPositive();

        assertThat(retention.deleteExpired()).isGreaterThanOrEqualTo(1);

        assertThat(chunks(old)).isZero();
        assertThat(fileErased(old)).isTrue();
        assertThat(chunks(recent)).isPositive();
        assertThat(fileErased(recent)).isFalse();
        assertThat(chunks(waiting)).isPositive();

        // A second run finds nothing left to delete.
        assertThat(retention.deleteExpired()).isZero();
        assertThat(chunks(recent)).isPositive();
    }
}
