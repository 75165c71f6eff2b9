package io.guanxi.loyalty.jobs;

import io.guanxi.loyalty.PointsExpiringSoon;
import io.guanxi.loyalty.domain.LoyaltyProperties;
import io.guanxi.loyalty.domain.PointsAccounts;
import io.guanxi.loyalty.domain.PointsLedger;
import io.guanxi.shared.jobs.JobRuns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily points job: expires what remains of lots whose validity ended (one customer per
 * transaction, under the account lock, so it never races a redemption), then announces points that
 * expire within the warning period, once per lot. Runs once per schedule across all instances.
 */
@Component
public class PointsExpiry {

    static final String JOB = "loyalty.points-expiry";
    private static final int BATCH = 500;

    private final PointsAccounts accounts;
    private final PointsLedger ledger;
    private final LoyaltyProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final JobRuns runs;
    private final Clock clock;

    PointsExpiry(
            PointsAccounts accounts,
            PointsLedger ledger,
            LoyaltyProperties properties,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            JobRuns runs,
            Clock clock) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.properties = properties;
        this.events = events;
        this.transactions = transactions;
        this.runs = runs;
        this.clock = clock;
    }

    @Scheduled(cron = "${guanxi.loyalty.expiry-cron:0 30 2 * * *}")
    @SchedulerLock(name = JOB, lockAtLeastFor = "PT0.5S", lockAtMostFor = "PT2H")
    void daily() {
        runs.run(JOB, () -> {
            Result result = run();
            return "customers=" + result.customers() + " points=" + result.points() + " warned=" + result.warned();
        });
    }

    /** What one run did. */
    public record Result(long customers, long points, long warned) {}

    /** Expires due lots and announces lots that expire soon; safe to run again at any time. */
    public Result run() {
        long customers = 0;
        long points = 0;
        Instant now = clock.instant();
        List<Long> due;
        while (!(due = accounts.customersWithExpiredLots(now, BATCH)).isEmpty()) {
            for (long customerId : due) {
                points += ledger.expire(customerId, "system");
                customers++;
            }
        }
        Instant until = now.plus(Duration.ofDays(properties.expiryWarningDays()));
        long warned = 0;
        List<PointsAccounts.ExpiringPoints> expiring;
        do {
            List<PointsAccounts.ExpiringPoints> batch = accounts.unannouncedExpiring(now, until, BATCH);
            expiring = batch;
            transactions.executeWithoutResult(status -> {
                for (PointsAccounts.ExpiringPoints e : batch) {
                    events.publishEvent(new PointsExpiringSoon(e.customerId(), e.points(), e.expiresAt()));
                }
                accounts.markAnnounced(
                        batch.stream()
                                .map(PointsAccounts.ExpiringPoints::customerId)
                                .toList(),
                        now,
                        until);
            });
            warned += batch.size();
        } while (expiring.size() == BATCH);
        return new Result(customers, points, warned);
    }
}
