package io.guanxi.imports.domain;

import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.DataScope;
import io.guanxi.imports.ImportTarget;
import io.guanxi.imports.TableExport;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The import use cases: upload a file (stored, its encoding and layout detected, a mapping guessed),
 * run it as a dry run or for real, read the report, keep mappings for the next file.
 */
@Service
@Transactional
public class Imports {

    private static final Duration STALE_AFTER = Duration.ofMinutes(10);
    private static final int SAMPLE_ROWS = 5;
    private static final int REPORT_PAGE = 10_000;
    private static final Set<String> ENCODINGS = Set.of("UTF-8", "GB18030", "GBK", "GB2312", "UTF-16");

    private final ImportJobRepository jobs;
    private final ImportFiles files;
    private final ImportTargets targets;
    private final ImportRunner runner;
    private final Clock clock;

    Imports(ImportJobRepository jobs, ImportFiles files, ImportTargets targets, ImportRunner runner, Clock clock) {
        this.jobs = jobs;
        this.files = files;
        this.targets = targets;
        this.runner = runner;
        this.clock = clock;
    }

    /** What an upload says about itself. {@code encoding} null means: detect it. */
    public record Upload(String recordType, String fileName, String source, String encoding) {}

    /**
     * Stores an uploaded file and reads its column titles and first rows. A file that cannot be read
     * as a table at all is refused and nothing is kept.
     */
    public ImportJob upload(Upload upload, InputStream content, CurrentUser actor) {
        ImportTarget target = permitted(upload.recordType(), actor);
        String encoding = encoding(upload.encoding());
        String source = upload.source() == null || upload.source().isBlank()
                ? "import"
                : upload.source().strip().toLowerCase(Locale.ROOT);
        if (source.length() > 40) {
            throw InvalidRequestException.forField("source", "must be at most 40 characters");
        }
        String fileName = upload.fileName() == null || upload.fileName().isBlank() ? "upload" : upload.fileName();
        long id = jobs.create(target.recordType(), truncate(fileName, 255), source, actor.id(), clock.instant());
        ImportFiles.Stored stored = files.store(id, content);
        if (stored.size() == 0) {
            throw InvalidRequestException.forField("file", "is empty");
        }
        FileFormat format = FileFormat.detect(fileName, stored.head(), stored.head().length);
        String charset = format == FileFormat.CSV
                ? (encoding != null ? encoding : stored.utf8().encoding())
                : null;
        Character delimiter =
                format == FileFormat.CSV ? TableReader.guessDelimiter(firstLine(stored.head(), charset)) : null;
        List<String> headers;
        List<List<String>> sample = new ArrayList<>();
        try (ImportRunner.Opened opened = ImportRunner.open(id, format, charset, delimiter, files.open(id))) {
            headers = opened.reader().headers();
            Iterator<TableReader.Line> lines = opened.reader().lines();
            while (lines.hasNext() && sample.size() < SAMPLE_ROWS) {
                List<String> cells = new ArrayList<>();
                for (String cell : lines.next().cells()) {
                    cells.add(cell == null ? "" : truncate(cell, 100));
                }
                sample.add(cells);
            }
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            throw InvalidRequestException.forField("file", e.getMessage());
        }
        if (headers.isEmpty()) {
            throw InvalidRequestException.forField("file", "has no header row");
        }
        jobs.describeFile(
                id,
                format,
                charset,
                delimiter,
                stored.size(),
                headers,
                sample,
                ColumnMapping.guess(headers, target.fields()));
        return jobs.find(id).orElseThrow();
    }

    /**
     * Queues a run of an uploaded file with a mapping (null: the one on the job) and match key (null:
     * the record type's first), then starts it once this transaction has committed.
     */
    public ImportJob run(long id, ColumnMapping mapping, String matchKey, ImportJob.Mode mode, CurrentUser actor) {
        ImportJob job = find(id, actor);
        ImportTarget target = permitted(job.recordType(), actor);
        ColumnMapping chosen = mapping != null ? mapping : job.mapping();
        List<String> problems = chosen.problems(job.headers(), target.fields());
        if (!problems.isEmpty()) {
            throw InvalidRequestException.forFields(problems.stream()
                    .map(p -> new InvalidRequestException.FieldProblem("mapping", p))
                    .toList());
        }
        String key = matchKey != null && !matchKey.isBlank()
                ? matchKey
                : job.matchKey() != null ? job.matchKey() : target.matchKeys().get(0);
        if (!target.matchKeys().contains(key)) {
            throw InvalidRequestException.forField("matchKey", "must be one of " + target.matchKeys());
        }
        if (job.committed()) {
            throw ConflictException.because("This file is already imported; upload it again to import it again");
        }
        if (job.fileErasedAt() != null) {
            throw ConflictException.because("The uploaded file was deleted: it held the personal data of a"
                    + " customer erased on request. Upload the file again without that person to import it");
        }
        if (!jobs.queue(id, mode, chosen, key)) {
            throw ConflictException.because("This import is already running");
        }
        startAfterCommit(id, actor);
        return jobs.find(id).orElseThrow();
    }

    /** Commits a file after its dry run, with the mapping and match key the dry run used. */
    public ImportJob commit(long id, CurrentUser actor) {
        ImportJob job = find(id, actor);
        if (job.mode() != ImportJob.Mode.DRY_RUN || job.state() != ImportJob.State.DONE) {
            throw ConflictException.because("Commit follows a finished dry run");
        }
        return run(id, job.mapping(), job.matchKey(), ImportJob.Mode.COMMIT, actor);
    }

    private void startAfterCommit(long id, CurrentUser actor) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    runner.submit(id, actor);
                }
            });
        } else {
            runner.submit(id, actor);
        }
    }

    /** An import the user may see: their own, or any for users who see all data. */
    public ImportJob find(long id, CurrentUser actor) {
        ImportJob job = visible(id, actor);
        Instant heartbeat = job.heartbeatAt() != null ? job.heartbeatAt() : job.createdAt();
        Instant now = clock.instant();
        if (job.running()
                && heartbeat.isBefore(now.minus(STALE_AFTER))
                && jobs.failIfStale(id, now.minus(STALE_AFTER), now)) {
            return visible(id, actor);
        }
        return job;
    }

    private ImportJob visible(long id, CurrentUser actor) {
        ImportJob job = jobs.find(id).orElseThrow(() -> NotFoundException.of("Import", id));
        if (job.createdBy() != actor.id() && actor.scope() != DataScope.ALL) {
            throw NotFoundException.of("Import", id);
        }
        return job;
    }

    @Transactional(readOnly = true)
    public List<ImportJob> recent(CurrentUser actor) {
        return jobs.recent(actor.scope() == DataScope.ALL ? null : actor.id(), 50);
    }

    @Transactional(readOnly = true)
    public List<ImportJobRepository.ReportLine> report(long id, long offset, int limit, CurrentUser actor) {
        visible(id, actor);
        return jobs.issues(id, offset, limit);
    }

    @Transactional(readOnly = true)
    public long reportSize(long id, CurrentUser actor) {
        visible(id, actor);
        return jobs.issueCount(id);
    }

    /** Streams a run's whole report as CSV, page by page, so that a report of any size is never held whole. */
    @Transactional(readOnly = true)
    public void writeReport(long id, CurrentUser actor, java.io.OutputStream target) throws IOException {
        visible(id, actor);
        try (TableExport out =
                TableExport.open(TableExport.Format.CSV, target, List.of("row", "column", "severity", "message"))) {
            long offset = 0;
            while (true) {
                List<ImportJobRepository.ReportLine> page = jobs.issues(id, offset, REPORT_PAGE);
                for (ImportJobRepository.ReportLine line : page) {
                    out.row(Arrays.asList(
                            line.row(), line.column(), line.severity().name(), line.message()));
                }
                if (page.size() < REPORT_PAGE) {
                    break;
                }
                offset += page.size();
            }
        }
    }

    public void saveMapping(String recordType, String name, ColumnMapping mapping, String matchKey, CurrentUser actor) {
        ImportTarget target = permitted(recordType, actor);
        if (name == null || name.isBlank() || name.length() > 100) {
            throw InvalidRequestException.forField("name", "must be 1 to 100 characters");
        }
        if (matchKey != null && !target.matchKeys().contains(matchKey)) {
            throw InvalidRequestException.forField("matchKey", "must be one of " + target.matchKeys());
        }
        for (String field : mapping.columns().values()) {
            if (target.fields().stream().noneMatch(f -> f.key().equals(field))) {
                throw InvalidRequestException.forField("mapping", "Unknown field \"" + field + "\"");
            }
        }
        jobs.saveMapping(recordType, name.strip(), mapping, matchKey, actor.id(), clock.instant());
    }

    @Transactional(readOnly = true)
    public List<ImportJobRepository.SavedMapping> mappings(String recordType, CurrentUser actor) {
        permitted(recordType, actor);
        return jobs.mappings(recordType);
    }

    @Transactional(readOnly = true)
    public ImportJobRepository.SavedMapping mapping(String recordType, String name, CurrentUser actor) {
        permitted(recordType, actor);
        return jobs.mapping(recordType, name).orElseThrow(() -> NotFoundException.of("Mapping", name));
    }

    public List<ImportTarget> targets(CurrentUser actor) {
        return targets.all().stream().filter(t -> actor.can(t.permission())).toList();
    }

    public ImportTarget target(String recordType, CurrentUser actor) {
        return permitted(recordType, actor);
    }

    private ImportTarget permitted(String recordType, CurrentUser actor) {
        ImportTarget target = targets.get(recordType == null ? "" : recordType);
        if (!actor.can(target.permission())) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "Importing " + recordType + " needs " + target.permission());
        }
        return target;
    }

    private static String encoding(String requested) {
        if (requested == null || requested.isBlank() || requested.equalsIgnoreCase("auto")) {
            return null;
        }
        String upper = requested.strip().toUpperCase(Locale.ROOT);
        if (!ENCODINGS.contains(upper)) {
            throw InvalidRequestException.forField("encoding", "must be one of auto, UTF-8, GB18030, GBK, UTF-16");
        }
        return upper.equals("GBK") || upper.equals("GB2312") ? "GB18030" : upper;
    }

    private static String firstLine(byte[] head, String charset) {
        String text = new String(head, Charset.forName(charset == null ? StandardCharsets.UTF_8.name() : charset));
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
