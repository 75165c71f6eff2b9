package io.guanxi.imports.domain;

import io.guanxi.identity.AuditTrail;
import io.guanxi.identity.CurrentUser;
import io.guanxi.imports.ImportBatchResult;
import io.guanxi.imports.ImportContext;
import io.guanxi.imports.ImportRow;
import io.guanxi.imports.ImportTarget;
import io.guanxi.imports.RowIssue;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
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

    ImportRunner(
            ImportJobRepository jobs,
            ImportFiles files,
            ImportTargets targets,
            TransactionTemplate transactions,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor,
            AuditTrail audit,
            Clock clock) {
        this.jobs = jobs;
        this.files = files;
        this.targets = targets;
        this.transactions = transactions;
        this.executor = executor;
        this.audit = audit;
        this.clock = clock;
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
                try (ReadAhead batches = new ReadAhead(
                        id,
                        opened.reader().lines(),
                        line -> new ImportRow(line.row(), applied.values(line.cells())),
                        target::groupKey,
                        rows -> target.prepare(rows, context),
                        in::bytesRead)) {
                    for (ReadAhead.Batch batch = batches.next(); batch != null; batch = batches.next()) {
                        process(job, target, context, batch);
                    }
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
        long rowsRead = ahead.rowsRead();
        long bytesRead = ahead.bytesRead();
        try {
            transactions.executeWithoutResult(s -> {
                ImportBatchResult result =
                        batch.isEmpty() ? ImportBatchResult.empty() : target.apply(batch, ahead.prepared(), context);
                jobs.progress(job.id(), result, rowsRead, bytesRead, job.mapping(), clock.instant());
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
                long read = end == batch.size() ? rowsRead : rowsRead - batch.size() + end;
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
     * Reads the file into batches on a thread of its own, one batch ahead of the one being written,
     * so decrypting, parsing, mapping and preparing ({@link ImportTarget#prepare}) the next rows
     * overlaps with writing the current ones. The reader hands a batch over directly and starts the
     * next one only then, so at most two batches are in memory (a queue slot would make it three:
     * about 80 MB more live data at 20,000 customer rows a batch, which at a 512 MiB heap kept the
     * collector marking continuously). A
     * batch ends after {@link #BATCH} rows, but not inside a group of rows that belong together
     * (the lines of one order) unless it reaches twice that. The last batch may be empty.
     */
    static final class ReadAhead implements AutoCloseable {

        record Batch(List<ImportRow> rows, ImportTarget.Prepared prepared, long rowsRead, long bytesRead) {}

        private static final Object END = new Object();

        private final java.util.concurrent.BlockingQueue<Object> queue = new java.util.concurrent.SynchronousQueue<>();
        private final Thread reader;
        private boolean ended;

        ReadAhead(
                long importId,
                Iterator<TableReader.Line> lines,
                java.util.function.Function<TableReader.Line, ImportRow> mapping,
                java.util.function.Function<ImportRow, String> groupKey,
                java.util.function.Function<List<ImportRow>, ImportTarget.Prepared> prepare,
                java.util.function.LongSupplier bytesRead) {
            reader = new Thread(
                    () -> {
                        try {
                            List<ImportRow> batch = new ArrayList<>(BATCH);
                            long rows = 0;
                            String lastGroup = null;
                            while (lines.hasNext()) {
                                TableReader.Line line = lines.next();
                                ImportRow row = mapping.apply(line);
                                String group = groupKey.apply(row);
                                if (batch.size() >= BATCH
                                        && (group == null || !group.equals(lastGroup) || batch.size() >= 2 * BATCH)) {
                                    queue.put(new Batch(batch, prepared(prepare, batch), rows, bytesRead.getAsLong()));
                                    batch = new ArrayList<>(BATCH);
                                }
                                batch.add(row);
                                rows++;
                                lastGroup = group;
                            }
                            queue.put(new Batch(batch, prepared(prepare, batch), rows, bytesRead.getAsLong()));
                            queue.put(END);
                        } catch (InterruptedException stopped) {
                            Thread.currentThread().interrupt();
                        } catch (RuntimeException | Error e) {
                            try {
                                queue.put(e); // after the batches read before it, as reading in line would
                            } catch (InterruptedException stopped) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    },
                    "import-" + importId + "-reader");
            reader.setDaemon(true);
            reader.start();
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

        /** The next batch, or null after the last one; a failure to read surfaces here. */
        Batch next() throws IOException {
            if (ended) {
                return null;
            }
            Object next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while reading the file", e);
            }
            if (next == END) {
                ended = true;
                return null;
            }
            if (next instanceof java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            if (next instanceof RuntimeException e) {
                throw e;
            }
            if (next instanceof Error e) {
                throw e;
            }
            return (Batch) next;
        }

        /** Stops the reader (when writing failed early) and waits for it, before the file is closed. */
        @Override
        public void close() {
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
