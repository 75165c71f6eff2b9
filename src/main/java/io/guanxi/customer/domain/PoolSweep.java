package io.guanxi.customer.domain;

import io.guanxi.shared.jobs.JobRuns;
import java.time.Clock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the pool sweep once a day, on one instance. */
@Component
class PoolSweep {

    private static final String JOB = "customer-pool-sweep";

    private final CustomerPool pool;
    private final JobRuns runs;
    private final Clock clock;

    PoolSweep(CustomerPool pool, JobRuns runs, Clock clock) {
        this.pool = pool;
        this.runs = runs;
        this.clock = clock;
    }

    @Scheduled(cron = "${guanxi.customer.pool.cron:0 10 2 * * *}")
    @SchedulerLock(name = JOB, lockAtLeastFor = "PT0.5S", lockAtMostFor = "PT30M")
    void daily() {
        runs.run(JOB, () -> {
            CustomerPool.Sweep sweep = pool.sweep(clock.instant());
            return sweep.noticed() + " owners' customers noticed, " + sweep.returned() + " returned to the pool";
        });
    }
}
