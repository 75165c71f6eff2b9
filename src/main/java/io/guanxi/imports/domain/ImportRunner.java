package io.guanxi.imports.domain;

import io.guanxi.identity.AuditTrail;
import io.guanxi.identity.CurrentUser;
import io.guanxi.imports.ImportBatchResult;
import io.guanxi.imports.ImportContext;
import io.guanxi.imports.ImportRow;
import io.guanxi.imports.ImportTarget;
import io.guanxi.imports.RowIssue;
import io.guanxi.shared.persistence.BulkRows;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs an import: streams the stored file through the column mapping and hands the rows to the
 * record type's {@link ImportTarget} in batches, each batch in its own transaction together with
 * its counts and report lines, so the progress others see is always what is really written. A
 * batch that fails as a whole is retried row by row: the row at fault is reported, the others go in.
 */
@Component
class ImportRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);
    static final int BATCH = 20_000;

    private final ImportJobRepository jobs;
    private final ImportFiles files;
    private final ImportTargets targets;
    private final TransactionTemplate transactions;
    private final TaskExecutor executor;
    private final AuditTrail audit;
    private final Clock clock;
    private final Integer configuredWriters;
    private final DataSource dataSource;
    private volatile Integer writers;

    ImportRunner(
            ImportJobRepository jobs,
            ImportFiles files,
            ImportTargets targets,
            TransactionTemplate transactions,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor,
            AuditTrail audit,
            Clock clock,
            DataSource dataSource,
            @Value("${guanxi.imports.writers:#{null}}") Integer configuredWriters) {
        this.dataSource = dataSource;
        this.configuredWriters = configuredWriters;
        this.jobs = jobs;
        this.files = files;
        this.targets = targets;
        this.transactions = transactions;
        this.executor = executor;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * How many writers a commit run uses for a type that partitions its rows: {@code
     * guanxi.imports.writers}, by default two on PostgreSQL (whose writers wait for each other on a
     * shared row, and whose deadlock detection fails one batch at once, which is then retried row by
     * row) and one on other databases (the embedded H2 gives up a lock wait after a second, which
     * would reject rows that only had to wait).
     */
    int writers() {
        Integer known = writers;
        if (known == null) {
            known = configuredWriters != null
                    ? Math.max(1, configuredWriters)
                    : new BulkRows(dataSource).postgres() ? 2 : 1;
            writers = known;
        }
        return known;
    }

    /**
     * Writes the batches with {@code writers} writers, the calling thread being the first; the first
     * failure stops the others (after the batch each is writing) and is thrown when all have ended.
     */
    static void write(ReadAhead batches, int writers, Consumer<ReadAhead.Batch> process) throws IOException {
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int p = 1; p < writers; p++) {
            int partition = p;
            Thread thread = new Thread(
                    () -> {
                        try {
                            drain(batches, partition, process);
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                            batches.stop();
                        }
                    },
                    Thread.currentThread().getName() + "-writer-" + p);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        try {
            drain(batches, 0, process);
        } catch (IOException | RuntimeException | Error e) {
            failure.compareAndSet(null, e);
            batches.stop();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                batches.stop();
                failure.compareAndSet(null, new IOException("Interrupted while writing the file", e));
            }
        }
        Throwable first = failure.get();
        if (first instanceof IOException e) {
            throw e;
        }
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
        if (first != null) {
            throw new IllegalStateException(first);
        }
    }

    private static void drain(ReadAhead batches, int partition, Consumer<ReadAhead.Batch> process) throws IOException {
        for (ReadAhead.Batch batch = batches.next(partition); batch != null; batch = batches.next(partition)) {
            process.accept(batch);
        }
    }

    void submit(long id, CurrentUser actor) {
        executor.execute(() -> run(id, actor));
    }

    /** Runs a queued import on the calling thread (the background task, and benchmarks). */
    void run(long id, CurrentUser actor) {
        if (!jobs.claim(id, clock.instant())) {
            return;
        }
        ImportJob job = jobs.find(id).orElseThrow();
        try {
            jobs.clearIssues(id);
            ImportTarget target = targets.get(job.recordType());
            boolean dryRun = job.mode() == ImportJob.Mode.DRY_RUN;
            ImportContext context = new ImportContext(id, dryRun, job.matchKey(), job.source(), actor);
            try (ImportFiles.CountingStream in = files.open(id);
                    Opened opened = open(job, in)) {
                ColumnMapping.Applied applied =
                        job.mapping().against(opened.reader().headers());
                int writers = dryRun ? 1 : writers();
                try (ReadAhead batches = new ReadAhead(
                        id,
                        opened.reader().lines(),
                        line -> new ImportRow(line.row(), applied.values(line.cells())),
                        target::groupKey,
                        writers == 1 ? row -> null : target::partitionKey,
                        writers,
                        rows -> target.prepare(rows, context),
                        in::bytesRead)) {
                    write(batches, writers, batch -> process(job, target, context, batch));
                }
            }
            if (!dryRun) {
                transactions.executeWithoutResult(s -> target.finished(context));
            }
            jobs.finish(id, !dryRun, clock.instant());
            ImportJob done = jobs.find(id).orElseThrow();
            transactions.executeWithoutResult(s -> audit.recordAs(
                    actor.id(),
                    actor.username(),
                    dryRun ? "IMPORT_DRY_RUN" : "IMPORT_COMMITTED",
                    "import",
                    id,
                    job.recordType() + " " + job.fileName() + ": created " + done.created() + ", updated "
                            + done.updated() + ", unchanged " + done.unchanged() + ", rejected " + done.rejected()
                            + ", warnings " + done.warnings()));
        } catch (RuntimeException | IOException e) {
            log.warn("Import {} failed", id, e);
            jobs.fail(id, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), clock.instant());
        }
    }

    private void process(ImportJob job, ImportTarget target, ImportContext context, ReadAhead.Batch ahead) {
        List<ImportRow> batch = ahead.rows();
        long bytesRead = ahead.bytesRead();
        try {
            transactions.executeWithoutResult(s -> {
                ImportBatchResult result =
                        batch.isEmpty() ? ImportBatchResult.empty() : target.apply(batch, ahead.prepared(), context);
                jobs.progress(job.id(), result, batch.size(), bytesRead, job.mapping(), clock.instant());
            });
        } catch (RuntimeException batchFailure) {
            log.info(
                    "Import {}: a batch failed as a whole ({}); retrying its rows one by one",
                    job.id(),
                    batchFailure.toString());
            for (int i = 0; i < batch.size(); ) {
                int end = i + 1;
                String group = target.groupKey(batch.get(i));
                while (group != null && end < batch.size() && group.equals(target.groupKey(batch.get(end)))) {
                    end++;
                }
                List<ImportRow> part = batch.subList(i, end);
                long read = part.size();
                i = end;
                try {
                    transactions.executeWithoutResult(s -> jobs.progress(
                            job.id(),
                            target.apply(List.copyOf(part), context),
                            read,
                            bytesRead,
                            job.mapping(),
                            clock.instant()));
                } catch (RuntimeException rowFailure) {
                    List<RowIssue> issues = part.stream()
                            .map(row -> RowIssue.error(
                                    row.row(), null, "The row could not be saved: " + rootMessage(rowFailure)))
                            .toList();
                    ImportBatchResult rejected = new ImportBatchResult(0, 0, 0, part.size(), issues);
                    transactions.executeWithoutResult(
                            s -> jobs.progress(job.id(), rejected, read, bytesRead, job.mapping(), clock.instant()));
                }
            }
        }
    }

    /**
     * Reads the file into batches on a thread of its own, one batch ahead of the ones being written,
     * so decrypting, parsing, mapping and preparing ({@link ImportTarget#prepare}) the next rows
     * overlaps with writing the current ones. Rows go to one of {@code partitions} streams of batches
     * by their group's {@link ImportTarget#partitionKey} (rows without a key to the first), one per
     * writer. The reader hands a batch over directly and goes on only then, so each stream holds at
     * most the batch being written and the one being filled (a queue slot would add one more: about
     * 80 MB more live data at 20,000 customer rows a batch, which at a 512 MiB heap kept the
     * collector marking continuously). A batch ends after {@link #BATCH} rows, but not inside a group
     * of rows that belong together (the lines of one order) unless it reaches twice that; a group
     * goes whole to the stream of its first row. The last batch of a stream may be empty.
     */
    static final class ReadAhead implements AutoCloseable {

        record Batch(List<ImportRow> rows, ImportTarget.Prepared prepared, long bytesRead) {}

        private static final Object END = new Object();

        private final List<BlockingQueue<Object>> queues = new ArrayList<>();
        private final boolean[] ended;
        private final Thread reader;
        private volatile boolean stopped;

        ReadAhead(
                long importId,
                Iterator<TableReader.Line> lines,
                java.util.function.Function<TableReader.Line, ImportRow> mapping,
                java.util.function.Function<ImportRow, String> groupKey,
                java.util.function.Function<ImportRow, String> partitionKey,
                int partitions,
                java.util.function.Function<List<ImportRow>, ImportTarget.Prepared> prepare,
                java.util.function.LongSupplier bytesRead) {
            for (int p = 0; p < partitions; p++) {
                queues.add(new SynchronousQueue<>());
            }
            ended = new boolean[partitions];
            reader = new Thread(
                    () -> {
                        try {
                            List<List<ImportRow>> batches = new ArrayList<>();
                            for (int p = 0; p < partitions; p++) {
                                batches.add(new ArrayList<>(BATCH));
                            }
                            String lastGroup = null;
                            int partition = 0;
                            while (lines.hasNext()) {
                                TableReader.Line line = lines.next();
                                ImportRow row = mapping.apply(line);
                                String group = groupKey.apply(row);
                                boolean sameGroup = group != null && group.equals(lastGroup);
                                if (!sameGroup) {
                                    partition = partition(partitionKey.apply(row), partitions);
                                }
                                List<ImportRow> batch = batches.get(partition);
                                if (batch.size() >= BATCH && (!sameGroup || batch.size() >= 2 * BATCH)) {
                                    queues.get(partition)
                                            .put(new Batch(batch, prepared(prepare, batch), bytesRead.getAsLong()));
                                    batch = new ArrayList<>(BATCH);
                                    batches.set(partition, batch);
                                }
                                batch.add(row);
                                lastGroup = group;
                            }
                            for (int p = 0; p < partitions; p++) {
                                List<ImportRow> batch = batches.get(p);
                                queues.get(p).put(new Batch(batch, prepared(prepare, batch), bytesRead.getAsLong()));
                            }
                            for (BlockingQueue<Object> queue : queues) {
                                queue.put(END);
                            }
                        } catch (InterruptedException stopped) {
                            Thread.currentThread().interrupt();
                        } catch (RuntimeException | Error e) {
                            try {
                                // after the batches read before it, as reading in line would
                                for (BlockingQueue<Object> queue : queues) {
                                    queue.put(e);
                                }
                            } catch (InterruptedException stopped) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    },
                    "import-" + importId + "-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** The stream a partition key's rows go to. */
        static int partition(String key, int partitions) {
            return key == null || partitions == 1 ? 0 : Math.floorMod(key.hashCode(), partitions);
        }

        /**
         * The target's preparation of a batch; a batch it could not prepare is applied unprepared,
         * where a failure is handled row by row.
         */
        private static ImportTarget.Prepared prepared(
                java.util.function.Function<List<ImportRow>, ImportTarget.Prepared> prepare, List<ImportRow> batch) {
            if (batch.isEmpty()) {
                return null;
            }
            try {
                return prepare.apply(batch);
            } catch (RuntimeException e) {
                log.debug("A batch could not be prepared ahead; it is applied unprepared", e);
                return null;
            }
        }

        /**
         * The next batch of a stream, or null after its last one or once {@link #stop} was called; a
         * failure to read surfaces here.
         */
        Batch next(int partition) throws IOException {
            if (ended[partition]) {
                return null;
            }
            Object next = null;
            try {
                while (next == null) {
                    if (stopped) {
                        return null;
                    }
                    next = queues.get(partition).poll(200, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while reading the file", e);
            }
            if (next == END) {
                ended[partition] = true;
                return null;
            }
            if (next instanceof java.io.UncheckedIOException e) {
                ended[partition] = true;
                throw e.getCause();
            }
            if (next instanceof RuntimeException e) {
                ended[partition] = true;
                throw e;
            }
            if (next instanceof Error e) {
                ended[partition] = true;
                throw e;
            }
            return (Batch) next;
        }

        /** Ends every stream early: a writer failed, so the others stop after their current batch. */
        void stop() {
            stopped = true;
        }

        /** Stops the reader (when writing failed early) and waits for it, before the file is closed. */
        @Override
        public void close() {
            stopped = true;
            reader.interrupt();
            try {
                reader.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** A reader over the stored file; a workbook is first unpacked into a temporary file. */
    record Opened(TableReader reader, File temporary) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            try {
                reader.close();
            } finally {
                if (temporary != null) {
                    Files.deleteIfExists(temporary.toPath());
                }
            }
        }
    }

    static Opened open(ImportJob job, InputStream in) throws IOException {
        return open(job.id(), job.format(), job.encoding(), job.delimiter(), in);
    }

    static Opened open(long id, FileFormat format, String encoding, Character delimiter, InputStream in)
            throws IOException {
        if (format == FileFormat.XLSX) {
            File temporary = File.createTempFile("guanxi-import-" + id + "-", ".xlsx");
            try {
                Files.copy(in, temporary.toPath(), StandardCopyOption.REPLACE_EXISTING);
                return new Opened(TableReader.xlsx(temporary), temporary);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temporary.toPath());
                throw e;
            }
        }
        return new Opened(TableReader.csv(in, Charset.forName(encoding), delimiter == null ? ',' : delimiter), null);
    }
}
