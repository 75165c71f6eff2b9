package io.guanxi.loyalty.jobs;

import io.guanxi.loyalty.domain.care.CareMoments;
import io.guanxi.loyalty.domain.care.CareProperties;
import io.guanxi.shared.jobs.JobRuns;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily care job: sends the care moments due today (birthdays, anniversaries, holidays, service
 * reminders), by default at 09:05 in the loyalty zone, so nobody is greeted at midnight. "Today" is
 * the day in each customer's store zone at that moment. The send log makes a rerun a no-op for the
 * customers already done. One instance at a time across the cluster.
 */
@Component
@EnableConfigurationProperties(CareProperties.class)
public class CareMomentSender {

    static final String JOB = "loyalty.care-moments";

    private final CareMoments moments;
    private final JobRuns runs;

    CareMomentSender(CareMoments moments, JobRuns runs) {
        this.moments = moments;
        this.runs = runs;
    }

    @Scheduled(cron = "${guanxi.care.cron:0 5 9 * * *}", zone = "${guanxi.loyalty.zone:Asia/Shanghai}")
    @SchedulerLock(name = JOB, lockAtLeastFor = "PT0.5S", lockAtMostFor = "PT2H")
    void daily() {
        runs.run(JOB, () -> {
            CareMoments.Result r = moments.run();
            return "claimed=" + r.claimed() + " sent=" + r.sent() + " skipped=" + r.skipped() + " failed=" + r.failed();
        });
    }
}
