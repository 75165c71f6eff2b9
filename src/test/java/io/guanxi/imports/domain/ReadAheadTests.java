package io.guanxi.imports.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guanxi.imports.ImportRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** The file is read one batch ahead, in the order and cut it would be read in line. */
class ReadAheadTests {

    /** Rows 1..count, each in the group {@code row / groupSize}; fails after {@code failAfter} rows if positive. */
    private static Iterator<TableReader.Line> lines(int count, int failAfter) {
        return new Iterator<>() {
            int next = 1;

            @Override
            public boolean hasNext() {
                return next <= count;
            }

            @Override
            public TableReader.Line next() {
                if (next > count) {
                    throw new NoSuchElementException();
                }
                if (failAfter > 0 && next > failAfter) {
                    throw new UncheckedIOException(new IOException("the file ends in the middle of a quoted cell"));
                }
                int row = next++;
                return new TableReader.Line(row, new String[] {String.valueOf(row)});
            }
        };
    }

    private static ImportRunner.ReadAhead readAhead(Iterator<TableReader.Line> lines, int groupSize) {
        return new ImportRunner.ReadAhead(
                1L,
                lines,
                line -> new ImportRow(line.row(), Map.of("n", line.cells()[0])),
                row -> String.valueOf(Long.parseLong(row.value("n")) / groupSize),
                row -> null,
                1,
                rows -> null,
                () -> 0L);
    }

    private static List<ImportRunner.ReadAhead.Batch> all(ImportRunner.ReadAhead batches) throws IOException {
        List<ImportRunner.ReadAhead.Batch> all = new ArrayList<>();
        for (ImportRunner.ReadAhead.Batch b = batches.next(0); b != null; b = batches.next(0)) {
            all.add(b);
        }
        return all;
    }

    @Test
    void batchesFollowTheFileAndDoNotCutAGroup() throws IOException {
        int rows = ImportRunner.BATCH * 2 + 7;
        try (var batches = readAhead(lines(rows, 0), 3)) {
            List<ImportRunner.ReadAhead.Batch> all = all(batches);

            assertThat(all.stream().mapToInt(b -> b.rows().size()).sum()).isEqualTo(rows);
            long expected = 1;
            for (ImportRunner.ReadAhead.Batch b : all) {
                for (ImportRow row : b.rows()) {
                    assertThat(row.row()).isEqualTo(expected++);
                }
            }
            // A batch that reached its size goes on to the end of the group its last row is in.
            for (int i = 0; i < all.size() - 1; i++) {
                List<ImportRow> rowsOf = all.get(i).rows();
                long last = rowsOf.get(rowsOf.size() - 1).row();
                long firstOfNext = all.get(i + 1).rows().get(0).row();
                assertThat(last / 3).isNotEqualTo(firstOfNext / 3);
            }
            assertThat(batches.next(0)).isNull();
        }
    }

    @Test
    void aReadFailureComesAfterTheBatchesReadBeforeIt() throws IOException {
        int failAfter = ImportRunner.BATCH + 10;
        try (var batches = readAhead(lines(ImportRunner.BATCH * 3, failAfter), 1)) {
            ImportRunner.ReadAhead.Batch first = batches.next(0);

            assertThat(first.rows()).hasSize(ImportRunner.BATCH);
            assertThatThrownBy(() -> batches.next(0))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("quoted cell");
        }
    }

    /** What the test target made of a batch: its first and last row. */
    private record Span(long first, long last) implements io.guanxi.imports.ImportTarget.Prepared {}

    @Test
    void eachBatchArrivesWithWhatTheTargetPreparedOfItAndAFailedPreparationIsNone() throws IOException {
        int rows = ImportRunner.BATCH * 3;
        try (var batches = new ImportRunner.ReadAhead(
                1L,
                lines(rows, 0),
                line -> new ImportRow(line.row(), Map.of("n", line.cells()[0])),
                row -> null,
                row -> null,
                1,
                batch -> {
                    long first = batch.get(0).row();
                    if (first > ImportRunner.BATCH * 2) {
                        throw new IllegalStateException("cannot prepare the third batch");
                    }
                    return new Span(first, batch.get(batch.size() - 1).row());
                },
                () -> 0L)) {
            List<ImportRunner.ReadAhead.Batch> all = all(batches);

            assertThat(all.get(0).prepared()).isEqualTo(new Span(1, ImportRunner.BATCH));
            assertThat(all.get(1).prepared()).isEqualTo(new Span(ImportRunner.BATCH + 1, 2L * ImportRunner.BATCH));
            assertThat(all.get(2).rows()).hasSize(ImportRunner.BATCH);
            assertThat(all.get(2).prepared()).isNull();
        }
    }

    /** Rows grouped by threes, the groups keyed by {@code group % keys}. */
    private static ImportRunner.ReadAhead partitioned(Iterator<TableReader.Line> lines, int keys, int writers) {
        return new ImportRunner.ReadAhead(
                1L,
                lines,
                line -> new ImportRow(line.row(), Map.of("n", line.cells()[0])),
                row -> String.valueOf(Long.parseLong(row.value("n")) / 3),
                row -> "key-" + (Long.parseLong(row.value("n")) / 3) % keys,
                writers,
                rows -> null,
                () -> 0L);
    }

    @Test
    void severalWritersEachGetWholeGroupsOfTheirKeysInFileOrderAndEveryRowOnce() throws IOException {
        int rows = ImportRunner.BATCH * 3 + 11;
        java.util.Map<String, List<Long>> byKey = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Map<String, String> writerOfKey = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Set<String> writersSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (var batches = partitioned(lines(rows, 0), 8, 2)) {
            ImportRunner.write(batches, 2, batch -> {
                String writer = Thread.currentThread().getName();
                writersSeen.add(writer);
                List<ImportRow> list = batch.rows();
                for (int i = 0; i < list.size(); i++) {
                    long n = Long.parseLong(list.get(i).value("n"));
                    String key = "key-" + (n / 3) % 8;
                    byKey.computeIfAbsent(key, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                            .add(n);
                    assertThat(writerOfKey.computeIfAbsent(key, k -> writer)).isEqualTo(writer);
                    if (i == 0) {
                        assertThat(n % 3 == 0 || n == 1)
                                .as("a batch starts with a group")
                                .isTrue();
                    }
                }
            });
        }

        assertThat(writersSeen).hasSize(2);
        assertThat(byKey.values().stream().mapToInt(List::size).sum()).isEqualTo(rows);
        for (List<Long> numbers : byKey.values()) {
            assertThat(numbers).isSorted().doesNotHaveDuplicates();
        }
    }

    /** Without the stop the other writer would wait for batches the reader can no longer hand over. */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aFailingWriterStopsTheOthersAndItsFailureIsThrown() {
        int rows = ImportRunner.BATCH * 8;
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
        try (var batches = partitioned(lines(rows, 0), 2, 2)) {
            assertThatThrownBy(() -> ImportRunner.write(batches, 2, batch -> {
                        if (written.incrementAndGet() == 2) {
                            throw new IllegalStateException("the database went away");
                        }
                    }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the database went away");
        }
        assertThat(written.get()).isLessThan(8);
    }
}
