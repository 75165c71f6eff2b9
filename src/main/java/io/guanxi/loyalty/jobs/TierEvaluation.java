package io.guanxi.loyalty.jobs;

import io.guanxi.loyalty.domain.Memberships;
import io.guanxi.loyalty.domain.Tiers;
import io.guanxi.shared.jobs.JobRuns;
import java.time.LocalDate;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily tier job: evaluates the customers whose evaluation date (anniversary of their tier) or
 * end of grace period has come, a chunk per transaction: starts grace periods, downgrades those still
 * below their tier when grace ends, and moves evaluation dates on. Runs once per schedule across all
 * instances; safe to run again.
 */
@Component
public class TierEvaluation {

    static final String JOB = "loyalty.tier-evaluation";
    private static final int BATCH = 1000;

    private final Tiers tiers;
    private final Memberships memberships;
    private final JobRuns runs;

    TierEvaluation(Tiers tiers, Memberships memberships, JobRuns runs) {
        this.tiers = tiers;
        this.memberships = memberships;
        this.runs = runs;
    }

    @Scheduled(cron = "${guanxi.loyalty.tier-cron:0 45 2 * * *}")
    @SchedulerLock(name = JOB, lockAtLeastFor = "PT0.5S", lockAtMostFor = "PT2H")
    void daily() {
        runs.run(JOB, () -> {
            Result result = run();
            return "evaluated=" + result.evaluated() + " changed=" + result.changed();
        });
    }

    /** What one run did: customers evaluated, tier changes. */
    public record Result(long evaluated, long changed) {}

    public Result run() {
        LocalDate today = memberships.today();
        long evaluated = 0;
        long changed = 0;
        long after = 0;
        List<Long> due;
        while (!(due = tiers.due(today, after, BATCH)).isEmpty()) {
            changed += memberships.evaluateDue(due);
            evaluated += due.size();
            after = due.get(due.size() - 1);
        }
        return new Result(evaluated, changed);
    }
}
