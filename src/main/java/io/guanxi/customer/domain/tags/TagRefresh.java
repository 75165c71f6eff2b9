package io.guanxi.customer.domain.tags;

import io.guanxi.shared.jobs.JobRuns;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Re-applies every rule tag to every customer each night (rules on age and dates move with the calendar). */
@Component
class TagRefresh {

    private static final String JOB = "customer-tag-refresh";
    private static final Logger log = LoggerFactory.getLogger(TagRefresh.class);

    private final Tags tags;
    private final JobRuns runs;

    TagRefresh(Tags tags, JobRuns runs) {
        this.tags = tags;
        this.runs = runs;
    }

    @Scheduled(cron = "${guanxi.customer.tag-refresh-cron:0 40 2 * * *}")
    @SchedulerLock(name = JOB, lockAtLeastFor = "PT0.5S", lockAtMostFor = "PT1H")
    void nightly() {
        runs.run(JOB, () -> {
            long changed = tags.refreshAll();
            log.info("Rule tags refreshed: {} tags added or removed", changed);
            return changed + " tags added or removed";
        });
    }
}
