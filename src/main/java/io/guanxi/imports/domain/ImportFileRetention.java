package io.guanxi.imports.domain;

import io.guanxi.shared.jobs.JobRuns;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Uploaded files are kept only as long as they are useful: once an import finished (done or failed)
 * more than {@code guanxi.imports.file-retention} ago (30 days unless configured), its stored file
 * and preview are deleted, as an erasure deletes them — the import keeps its counts and row report,
 * shows when its file was deleted, and can no longer be run. Personal data in uploads thus does not
 * outlive its purpose, and the database does not grow with every file ever imported. Daily, once
 * across all instances, one import per transaction.
 */
@Component
class ImportFileRetention {

    static final String JOB = "imports.file-retention";

    private final JdbcClient jdbc;
    private final ImportJobRepository jobs;
    private final TransactionTemplate transactions;
    private final JobRuns runs;
    private final Duration keep;
    private final Clock clock;

    ImportFileRetention(
            JdbcClient jdbc,
            ImportJobRepository jobs,
            TransactionTemplate transactions,
            JobRuns runs,
            @Value("${guanxi.imports.file-retention:P30D}") Duration keep,
            Clock clock) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.transactions = transactions;
        this.runs = runs;
        this.keep = keep;
        this.clock = clock;
    }

    @Scheduled(cron = "${guanxi.imports.file-retention-cron:0 25 3 * * *}")
    @SchedulerLock(name = JOB, lockAtLeastFor = "PT0.5S", lockAtMostFor = "PT30M")
    void purge() {
        runs.run(JOB, () -> "files deleted=" + deleteExpired());
    }

    /** Deletes the files of imports that finished before the retention period; answers how many. */
    int deleteExpired() {
        Instant now = clock.instant();
        List<Long> expired = jdbc.sql("SELECT id FROM import_job WHERE file_erased_at IS NULL"
                        + " AND state IN ('DONE', 'FAILED') AND finished_at < ? ORDER BY id")
                .param(Timestamp.from(now.minus(keep)))
                .query(Long.class)
                .list();
        expired.forEach(id -> transactions.executeWithoutResult(s -> jobs.fileErased(id, now)));
        return expired.size();
    }
}
