package io.guanxi.imports.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An erasure's part in the imports: the person's values (phone, email, identity number, street ...)
 * leave the import reports and previews, and a stored file that holds one of them is deleted (its
 * import keeps its report and counts, and can no longer be run). Files are read as an import reads
 * them, row by row, CSV or workbook, so a phone typed {@code 138 1234-5678} in a cell is found;
 * this reads every stored file, which an erasure, a rare request, can afford.
 */
@Service
@Transactional
public class ImportErasure {

    private static final Logger log = LoggerFactory.getLogger(ImportErasure.class);

    private final ImportJobRepository jobs;
    private final ImportFiles files;
    private final Clock clock;

    ImportErasure(ImportJobRepository jobs, ImportFiles files, Clock clock) {
        this.jobs = jobs;
        this.files = files;
        this.clock = clock;
    }

    /** Answers the report lines, previews and files changed. */
    public int forget(Collection<String> values) {
        List<String> needles = ImportJobRepository.needles(values);
        if (needles.isEmpty()) {
            return 0;
        }
        int changed = jobs.forget(needles);
        for (ImportJob job : jobs.withStoredFile()) {
            boolean described = job.format() == FileFormat.XLSX || job.encoding() != null;
            if (described && holdsAny(job, needles)) {
                jobs.fileErased(job.id(), clock.instant());
                log.info("Deleted the file of import {}: it held personal data erased on request", job.id());
                changed++;
            }
        }
        return changed;
    }

    private boolean holdsAny(ImportJob job, List<String> needles) {
        try (ImportFiles.CountingStream in = files.open(job.id());
                ImportRunner.Opened opened = ImportRunner.open(job, in)) {
            if (ImportJobRepository.holdsAny(opened.reader().headers(), needles)) {
                return true;
            }
            Iterator<TableReader.Line> lines = opened.reader().lines();
            while (lines.hasNext()) {
                if (ImportJobRepository.holdsAny(Arrays.asList(lines.next().cells()), needles)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // a file that cannot be read cannot be imported either, and may hold the person: it goes
            log.warn(
                    "The file of import {} could not be read to look for erased personal data; deleting it",
                    job.id(),
                    e);
            return true;
        }
    }
}
