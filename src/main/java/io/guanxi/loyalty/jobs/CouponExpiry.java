package io.guanxi.loyalty.jobs;

import io.guanxi.loyalty.domain.coupon.CouponLedger;
import io.guanxi.shared.jobs.JobRuns;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily coupon job: expires issued coupons whose validity ended, in batches of 1,000 per
 * transaction (each with its EXPIRED history row). Runs once per schedule across all instances; safe
 * to run again at any time.
 */
@Component
public class CouponExpiry {

    static final String JOB = "loyalty.coupon-expiry";
    private static final int BATCH = 1000;

    private final CouponLedger ledger;
    private final JobRuns runs;

    CouponExpiry(CouponLedger ledger, JobRuns runs) {
        this.ledger = ledger;
        this.runs = runs;
    }

    @Scheduled(cron = "${guanxi.loyalty.coupon-expiry-cron:0 40 2 * * *}")
    @SchedulerLock(name = JOB, lockAtLeastFor = "PT0.5S", lockAtMostFor = "PT2H")
    void daily() {
        runs.run(JOB, () -> "expired=" + run());
    }

    /** Expires every coupon due now; returns how many. */
    public long run() {
        long expired = 0;
        int batch;
        do {
            batch = ledger.expireDue(BATCH);
            expired += batch;
        } while (batch == BATCH);
        return expired;
    }
}
