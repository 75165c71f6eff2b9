package io.guanxi.imports;

import io.guanxi.identity.Permission;
import java.util.List;

/**
 * A record type that can be imported, implemented by the module that owns it (customers, orders,
 * ...). The import pipeline reads the file, maps its columns to {@link #fields()} and hands the rows
 * over in batches; the target validates and writes them through its own domain code.
 */
public interface ImportTarget {

    /** The name the API and the upload form use, e.g. {@code customer}. */
    String recordType();

    /** What a user needs to import this type. */
    Permission permission();

    /** The field dictionary a file's columns are mapped to. */
    List<ImportField> fields();

    /** Fields that identify an existing record, so that importing a file again updates instead of creating. */
    List<String> matchKeys();

    /**
     * Checks one batch and, unless {@link ImportContext#dryRun()}, writes it. Runs inside a transaction
     * opened by the pipeline for this batch: an exception rolls the whole batch back, after which the
     * pipeline retries its rows one at a time so that one bad row cannot block the others. Rows with
     * an error are rejected and written not at all; rows with only warnings are written without the
     * values warned about.
     */
    ImportBatchResult apply(List<ImportRow> rows, ImportContext context);

    /** What {@link #prepare} made of a batch; the pipeline only hands it on. */
    interface Prepared {}

    /**
     * Works on a batch before its transaction, on the pipeline's reading thread, so that it overlaps
     * the writing of the batch before: parsing, normalising, encrypting — nothing that depends on
     * what the transaction will read. The default prepares nothing.
     */
    default Prepared prepare(List<ImportRow> rows, ImportContext context) {
        return null;
    }

    /**
     * {@link #apply(List, ImportContext)} for a batch that {@link #prepare} has worked on (its answer,
     * possibly null). When a batch fails as a whole, the pipeline retries its rows with the plain form.
     */
    default ImportBatchResult apply(List<ImportRow> rows, Prepared prepared, ImportContext context) {
        return apply(rows, context);
    }

    /**
     * The group a row belongs to (e.g. the order number of an order line), or null when rows stand
     * alone. The pipeline never ends a batch between consecutive rows of one group (up to twice the
     * batch size), and a failed batch is retried group by group, so a group of consecutive rows always
     * reaches {@link #apply} whole.
     */
    default String groupKey(ImportRow row) {
        return null;
    }

    /**
     * The key of the data a row's group writes to (e.g. the customer an order line belongs to), or
     * null. Where the database allows it ({@code guanxi.imports.writers}), the pipeline writes a
     * file with several writers at once, each in its own transactions, and sends every group to the
     * writer its key hashes to: groups of one key are written by one writer in file order, groups of
     * different keys may be written at the same time. Rows without a key (the default) all go to the
     * first writer, so a type that does not override this is written by one writer. The key only
     * spreads the work: two writers that do meet on a row wait for each other (or one batch fails
     * and is retried row by row), so correctness never depends on it.
     */
    default String partitionKey(ImportRow row) {
        return null;
    }

    /** Called once after a commit run has gone through the whole file (e.g. to refresh derived data). */
    default void finished(ImportContext context) {}
}
