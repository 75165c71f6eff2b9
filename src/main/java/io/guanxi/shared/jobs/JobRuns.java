package io.guanxi.shared.jobs;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Records each run of a scheduled job (which instance ran it, when, with what outcome). */
@Component
public class JobRuns {

    private static final Logger log = LoggerFactory.getLogger(JobRuns.class);
    private final JdbcClient jdbc;
    private final Clock clock;
    private final String instanceId;

    JobRuns(JdbcClient jdbc, Clock clock, @Value("${guanxi.instance-id:}") String instanceId) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.instanceId =
                instanceId.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : instanceId;
    }

    /** Runs the work and records it; the work returns a one-line summary. */
    public void run(String jobName, Supplier<String> work) {
        Instant started = clock.instant();
        String outcome = "OK";
        String detail;
        try {
            detail = work.get();
        } catch (RuntimeException e) {
            outcome = "FAILED";
            detail = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.error("Job {} failed", jobName, e);
        }
        jdbc.sql("INSERT INTO job_run (job_name, instance_id, started_at, finished_at, outcome, detail)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        jobName,
                        instanceId,
                        Timestamp.from(started),
                        Timestamp.from(clock.instant()),
                        outcome,
                        detail == null ? null : detail.substring(0, Math.min(detail.length(), 1000)))
                .update();
        log.info("Job {} {}: {}", jobName, outcome, detail);
    }
}
