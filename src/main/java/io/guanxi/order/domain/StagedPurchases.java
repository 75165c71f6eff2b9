package io.guanxi.order.domain;

import io.guanxi.loyalty.LoyaltyApi;
import io.guanxi.loyalty.TierApi;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the per-customer effects an order import staged (PostgreSQL, ADR 0015): the points its
 * orders earned (ADR 0018), purchase aggregates, category spend and visit days ({@link PurchaseSummaries#applyStaged}), the customers'
 * rule tags, and the tiers of those with purchases in the qualification window re-evaluated from
 * their orders — once per customer and import instead
 * of once per batch. One transaction per staging partition, never the caller's. The import does it
 * when it is through its file; the sweep takes what an interrupted import left (rows staged more than
 * {@code guanxi.orders.staged-sweep-after} ago, so a running import is left to finish its own).
 */
@Component
public class StagedPurchases {

    private static final Logger log = LoggerFactory.getLogger(StagedPurchases.class);

    private final PurchaseSummaries summaries;
    private final TierApi tiers;
    private final LoyaltyApi loyalty;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Duration sweepAfter;
    private final int threads;

    StagedPurchases(
            PurchaseSummaries summaries,
            TierApi tiers,
            LoyaltyApi loyalty,
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            @Value("${guanxi.orders.staged-sweep-after:PT1H}") Duration sweepAfter,
            @Value("${guanxi.imports.writers:2}") int threads) {
        this.summaries = summaries;
        this.tiers = tiers;
        this.loyalty = loyalty;
        if (LoyaltyApi.STAGED_PARTITIONS != PurchaseSummaries.STAGED_PARTITIONS) {
            throw new IllegalStateException("Staged points and purchases are partitioned alike");
        }
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.sweepAfter = sweepAfter;
        this.threads = Math.max(1, threads);
    }

    /**
     * Applies what was staged at least {@code age} ago (zero: everything committed so far), with as
     * many threads as an import has writers (partitions hold different customers, so they do not
     * meet); returns how many customers' figures changed. A partition that fails keeps its rows.
     */
    public long apply(Duration age) {
        if (!summaries.stages()) {
            return 0;
        }
        AtomicInteger next = new AtomicInteger();
        Callable<Long> worker = () -> {
            long customers = 0;
            for (int p; (p = next.getAndIncrement()) < PurchaseSummaries.STAGED_PARTITIONS; ) {
                customers += apply(p, age);
            }
            return customers;
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "staged-purchases");
            thread.setDaemon(true);
            return thread;
        });
        try {
            long customers = 0;
            for (Future<Long> done : pool.invokeAll(Collections.nCopies(threads, worker))) {
                customers += done.get();
            }
            return customers;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while applying staged purchases", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One partition in a transaction of its own: aggregates and rule tags, then the tiers. */
    private int apply(int partition, Duration age) {
        return transactions.execute(s -> {
            // the partition's statements are estimated costly enough for PostgreSQL to compile them to
            // machine code (JIT) on every call, which takes longer than it saves on rows each touched once
            jdbc.sql("SET LOCAL jit = off").update();
            // every account the step touches (points, tiers) is locked before any purchase summary,
            // in customer order (ADR 0006): two steps on one partition (two imports, or an import and
            // the sweep) then meet on the first account they share and never the other way round
            List<Long> customers = summaries.stagedCustomers(partition, age);
            loyalty.applyStagedEarnings(partition, age, customers);
            Map<Long, LocalDate> changed = summaries.applyStaged(partition, age, customers);
            if (!changed.isEmpty()) {
                tiers.reevaluateAfterPurchases(changed);
            }
            return changed.size();
        });
    }

    @Scheduled(
            initialDelayString = "${guanxi.orders.staged-sweep:PT10M}",
            fixedDelayString = "${guanxi.orders.staged-sweep:PT10M}")
    @SchedulerLock(name = "orders.staged-sweep", lockAtLeastFor = "PT0.5S", lockAtMostFor = "PT1H")
    void sweep() {
        long customers = apply(sweepAfter);
        if (customers > 0) {
            log.info("Purchase effects an interrupted import staged applied for {} customers", customers);
        }
    }
}
