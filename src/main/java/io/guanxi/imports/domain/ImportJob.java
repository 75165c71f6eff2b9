package io.guanxi.imports.domain;

import java.time.Instant;
import java.util.List;

/**
 * One uploaded file and its latest run (dry run or commit). {@code fileErasedAt}: when the stored
 * file was deleted because it held the personal data of a customer erased on request.
 */
public record ImportJob(
        long id,
        String recordType,
        String fileName,
        FileFormat format,
        String encoding,
        Character delimiter,
        long sizeBytes,
        List<String> headers,
        List<List<String>> sample,
        ColumnMapping mapping,
        String matchKey,
        String source,
        Mode mode,
        State state,
        boolean committed,
        long bytesRead,
        long rowsRead,
        long created,
        long updated,
        long unchanged,
        long rejected,
        long warnings,
        String error,
        long createdBy,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant heartbeatAt,
        Instant fileErasedAt) {

    public enum Mode {
        DRY_RUN,
        COMMIT
    }

    public enum State {
        /** Uploaded, waiting for its column mapping. */
        UPLOADED,
        QUEUED,
        RUNNING,
        DONE,
        FAILED
    }

    public boolean running() {
        return state == State.QUEUED || state == State.RUNNING;
    }

    /** Share of the file read so far, 0–100 (a workbook is unpacked first, so it counts rows only at the end). */
    public int percent() {
        if (state == State.DONE) {
            return 100;
        }
        if (sizeBytes <= 0 || format == FileFormat.XLSX) {
            return 0;
        }
        return (int) Math.min(99, bytesRead * 100 / sizeBytes);
    }

    /** A dry run is finished and nothing is written yet: the user may commit. */
    public boolean committable() {
        return state == State.DONE && mode == Mode.DRY_RUN && !committed;
    }
}
