package io.guanxi.loyalty.jobs;

import io.guanxi.customer.CustomerApi;
import io.guanxi.loyalty.CouponRuleView;
import io.guanxi.loyalty.CouponTrigger;
import io.guanxi.loyalty.domain.LoyaltyProperties;
import io.guanxi.loyalty.domain.coupon.CouponLedger;
import io.guanxi.loyalty.domain.coupon.Coupons;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.jobs.JobRuns;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily coupon job: expires issued coupons whose validity ended, in batches of 1,000 per
 * transaction (each with its EXPIRED history row), then issues the birthday coupons of the active
 * BIRTHDAY_MONTH rules to customers born this month (once per customer, rule and year, 1,000 per
 * transaction). Runs once per schedule across all instances; safe to run again at any time.
 */
@Component
public class CouponExpiry {

    static final String JOB = "loyalty.coupon-expiry";
    private static final int BATCH = 1000;

    private final CouponLedger ledger;
    private final Coupons coupons;
    private final CustomerApi customers;
    private final LoyaltyProperties properties;
    private final JobRuns runs;
    private final Clock clock;

    CouponExpiry(
            CouponLedger ledger,
            Coupons coupons,
            CustomerApi customers,
            LoyaltyProperties properties,
            JobRuns runs,
            Clock clock) {
        this.ledger = ledger;
        this.coupons = coupons;
        this.customers = customers;
        this.properties = properties;
        this.runs = runs;
        this.clock = clock;
    }

    @Scheduled(cron = "${guanxi.loyalty.coupon-expiry-cron:0 40 2 * * *}")
    @SchedulerLock(name = JOB, lockAtLeastFor = "PT0.5S", lockAtMostFor = "PT2H")
    void daily() {
        runs.run(JOB, () -> "expired=" + run() + " birthday=" + issueBirthdayCoupons());
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

    /**
     * Issues this year's birthday coupons; returns how many. A rule whose template runs out stops
     * issuing; customers at the template's per-customer limit are skipped.
     */
    public long issueBirthdayCoupons() {
        ZonedDateTime today = clock.instant().atZone(properties.zone());
        long issued = 0;
        for (CouponRuleView rule : coupons.rules()) {
            if (!rule.active() || rule.trigger() != CouponTrigger.BIRTHDAY_MONTH) {
                continue;
            }
            long after = 0;
            List<Long> born;
            do {
                born = customers.bornInMonth(today.getMonth(), after, BATCH);
                if (born.isEmpty()) {
                    break;
                }
                after = born.get(born.size() - 1);
                List<CouponLedger.Recipient> recipients = born.stream()
                        .map(id ->
                                new CouponLedger.Recipient(id, "rule:" + rule.id() + ":" + id + ":" + today.getYear()))
                        .toList();
                try {
                    issued += ledger.issue(rule.templateId(), recipients, CouponLedger.Via.RULE, null, "system")
                            .coupons()
                            .size();
                } catch (ConflictException e) {
                    break;
                }
            } while (born.size() == BATCH);
        }
        return issued;
    }
}
