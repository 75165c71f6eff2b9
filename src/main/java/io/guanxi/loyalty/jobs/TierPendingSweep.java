package io.guanxi.loyalty.jobs;

import io.guanxi.loyalty.TierApi;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Re-evaluates the tiers of customers that an import marked ({@link TierApi#reevaluateLater}) and
 * did not re-evaluate itself because it was interrupted (the application stopped, a batch failed the
 * whole job). An import that goes through its file does this at its end, so the sweep finds nothing
 * most of the time. Runs once per schedule across all instances; safe to run again at any time.
 */
@Component
public class TierPendingSweep {

    static final String JOB = "loyalty.tier-pending-sweep";
    private static final Logger log = LoggerFactory.getLogger(TierPendingSweep.class);

    private final TierApi tiers;

    TierPendingSweep(TierApi tiers) {
        this.tiers = tiers;
    }

    @Scheduled(
            initialDelayString = "${guanxi.loyalty.tier-pending-sweep:PT10M}",
            fixedDelayString = "${guanxi.loyalty.tier-pending-sweep:PT10M}")
    @SchedulerLock(name = JOB, lockAtLeastFor = "PT0.5S", lockAtMostFor = "PT1H")
    void sweep() {
        long taken = tiers.reevaluatePending();
        if (taken > 0) {
            log.info("Tiers of {} customers re-evaluated after an interrupted import", taken);
        }
    }
}
