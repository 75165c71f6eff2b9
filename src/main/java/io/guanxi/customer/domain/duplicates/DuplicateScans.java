package io.guanxi.customer.domain.duplicates;

import io.guanxi.identity.AuditTrail;
import io.guanxi.shared.ConflictException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a full duplicate scan in the background: reads every customer's matching fields, finds
 * candidate pairs, and replaces the open review queue in one transaction. One scan at a time.
 */
@Service
public class DuplicateScans {

    private static final Logger log = LoggerFactory.getLogger(DuplicateScans.class);
    static final int MAX_BLOCK_SIZE = 200;
    private static final java.time.Duration STALE_AFTER = java.time.Duration.ofHours(1);

    private final DuplicateStore store;
    private final TaskExecutor executor;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Clock clock;

    DuplicateScans(
            DuplicateStore store,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor,
            TransactionTemplate transactions,
            AuditTrail audit,
            Clock clock) {
        this.store = store;
        this.executor = executor;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    /** Starts a scan and returns its id; the scan runs on a background thread. */
    public long start(String requestedBy) {
        long id;
        synchronized (this) {
            store.abandonStale(clock.instant().minus(STALE_AFTER), clock.instant());
            if (store.anyRunning()) {
                throw ConflictException.because("A duplicate scan is already running");
            }
            id = store.startScan(requestedBy, clock.instant());
        }
        audit.record("DUPLICATE_SCAN_STARTED", "duplicate_scan", id, null);
        executor.execute(() -> run(id));
        return id;
    }

    /** Runs a scan on the calling thread (benchmarks and the background task). */
    public DuplicateFinder.Result run(long scanId) {
        try {
            long started = System.nanoTime();
            List<MatchRecord> records = new ArrayList<>();
            store.forEachCustomer(records::add);
            DuplicateFinder.Result result =
                    new DuplicateFinder(DuplicateFinder.Thresholds.DEFAULT, MAX_BLOCK_SIZE).find(records);
            transactions.executeWithoutResult(status -> {
                store.replaceOpenCandidates(scanId, result.candidates());
                store.finishScan(
                        scanId,
                        records.size(),
                        result.pairsCompared(),
                        result.candidates().size(),
                        clock.instant());
            });
            log.info(
                    "Duplicate scan {}: {} customers, {} pairs compared, {} candidates, {} oversized blocks skipped, {} ms",
                    scanId,
                    records.size(),
                    result.pairsCompared(),
                    result.candidates().size(),
                    result.oversizedBlocks(),
                    (System.nanoTime() - started) / 1_000_000);
            return result;
        } catch (RuntimeException e) {
            log.error("Duplicate scan {} failed", scanId, e);
            store.failScan(scanId, e.getClass().getSimpleName() + ": " + e.getMessage(), clock.instant());
            throw e;
        }
    }
}
