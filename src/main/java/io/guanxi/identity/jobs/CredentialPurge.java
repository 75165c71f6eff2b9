package io.guanxi.identity.jobs;

import io.guanxi.identity.domain.LoginAttempts;
import io.guanxi.identity.security.ApiTokens;
import io.guanxi.shared.jobs.JobRuns;
import java.time.Clock;
import java.time.Duration;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Daily housekeeping of credentials: deletes API tokens that expired or were revoked more than 30
 * days ago, and sign-in attempts older than 30 days. Runs once per schedule across all instances.
 */
@Component
class CredentialPurge {

    static final String JOB = "identity.credential-purge";
    private static final Duration KEEP = Duration.ofDays(30);

    private final ApiTokens tokens;
    private final LoginAttempts attempts;
    private final JobRuns runs;
    private final Clock clock;

    CredentialPurge(ApiTokens tokens, LoginAttempts attempts, JobRuns runs, Clock clock) {
        this.tokens = tokens;
        this.attempts = attempts;
        this.runs = runs;
        this.clock = clock;
    }

    @Scheduled(cron = "${guanxi.identity.purge-cron:0 17 3 * * *}")
    @SchedulerLock(name = JOB, lockAtLeastFor = "PT0.5S", lockAtMostFor = "PT10M")
    void purge() {
        runs.run(JOB, () -> {
            int tokenRows = tokens.purgeExpired(KEEP);
            int attemptRows = attempts.deleteBefore(clock.instant().minus(KEEP));
            return "tokens=" + tokenRows + " attempts=" + attemptRows;
        });
    }
}
