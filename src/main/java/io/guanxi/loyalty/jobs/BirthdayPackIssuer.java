package io.guanxi.loyalty.jobs;

import io.guanxi.loyalty.domain.birthday.BirthdayPacks;
import io.guanxi.shared.jobs.JobRuns;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily birthday pack job: gives each member whose birthday it is the birthday pack of their
 * tier, by default at 00:20 in the loyalty zone so the coupon is there for the whole day. A member
 * of a store in a zone behind the loyalty zone gets the pack from the first run on their birthday
 * there (with the default, 17:20 on the day in Berlin); a business across zones can run the job
 * hourly. One instance at a time across the cluster; the pack's unique key makes any rerun give
 * nothing twice.
 */
@Component
public class BirthdayPackIssuer {

    static final String JOB = "loyalty.birthday-packs";

    private final BirthdayPacks packs;
    private final JobRuns runs;

    BirthdayPackIssuer(BirthdayPacks packs, JobRuns runs) {
        this.packs = packs;
        this.runs = runs;
    }

    @Scheduled(
            cron = "${guanxi.loyalty.birthday-pack-cron:0 20 0 * * *}",
            zone = "${guanxi.loyalty.zone:Asia/Shanghai}")
    @SchedulerLock(name = JOB, lockAtLeastFor = "PT0.5S", lockAtMostFor = "PT2H")
    void daily() {
        runs.run(JOB, () -> {
            BirthdayPacks.Result r = packs.run();
            return "given=" + r.given() + " coupons=" + r.coupons() + " points=" + r.points() + " couponsMissed="
                    + r.couponsMissed();
        });
    }

    /** Gives the packs due now (for operators and tests); safe to run again at any time. */
    public BirthdayPacks.Result run() {
        return packs.run();
    }
}
