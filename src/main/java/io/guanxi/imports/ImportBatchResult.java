package io.guanxi.imports;

import java.util.ArrayList;
import java.util.List;

/** What a batch did: records created, updated, unchanged, rows rejected, and the issues found. */
public record ImportBatchResult(long created, long updated, long unchanged, long rejected, List<RowIssue> issues) {

    public ImportBatchResult {
        issues = List.copyOf(issues);
    }

    public static ImportBatchResult empty() {
        return new ImportBatchResult(0, 0, 0, 0, List.of());
    }

    public ImportBatchResult plus(ImportBatchResult other) {
        List<RowIssue> all = new ArrayList<>(issues);
        all.addAll(other.issues);
        return new ImportBatchResult(
                created + other.created,
                updated + other.updated,
                unchanged + other.unchanged,
                rejected + other.rejected,
                all);
    }

    public long warnings() {
        return issues.stream()
                .filter(i -> i.severity() == RowIssue.Severity.WARNING)
                .count();
    }
}
