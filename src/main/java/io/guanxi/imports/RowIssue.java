package io.guanxi.imports;

/**
 * A problem with one row: an {@link Severity#ERROR} rejects the row, a {@link Severity#WARNING} keeps
 * it without the value concerned. {@code field} is the field key (the report shows the file's
 * column for it); null when the issue concerns the whole row.
 */
public record RowIssue(long row, String field, Severity severity, String message) {

    public enum Severity {
        ERROR,
        WARNING
    }

    public static RowIssue error(long row, String field, String message) {
        return new RowIssue(row, field, Severity.ERROR, message);
    }

    public static RowIssue warning(long row, String field, String message) {
        return new RowIssue(row, field, Severity.WARNING, message);
    }
}
