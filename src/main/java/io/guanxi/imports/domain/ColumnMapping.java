package io.guanxi.imports.domain;

import io.guanxi.imports.FieldValues;
import io.guanxi.imports.ImportField;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which column feeds which field: column title → field key. Several columns may feed one field
 * (their values are joined with a space, in column order); columns not named are ignored.
 */
public record ColumnMapping(Map<String, String> columns) {

    public ColumnMapping {
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /**
     * The mapping a person would choose for these titles: a column maps to the field whose key or
     * one of whose known titles it equals, ignoring case, spaces and punctuation.
     */
    static ColumnMapping guess(List<String> headers, Collection<ImportField> fields) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String header : headers) {
            String h = simplify(header);
            for (ImportField field : fields) {
                boolean match = simplify(field.key()).equals(h)
                        || field.headers().stream().map(ColumnMapping::simplify).anyMatch(h::equals);
                if (match) {
                    columns.put(header, field.key());
                    break;
                }
            }
        }
        return new ColumnMapping(columns);
    }

    /** Lower case without spaces, punctuation or a trailing number ("Address 2" → "address"). */
    private static String simplify(String title) {
        String plain = title.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-.:：()（）/]", "");
        String stripped = plain.replaceAll("[0-9]+$", "");
        return stripped.isEmpty() ? plain : stripped;
    }

    /** The file's columns that feed a field, for the report ("姓 + 名"). */
    String columnsOf(String field) {
        List<String> names = new ArrayList<>();
        columns.forEach((column, f) -> {
            if (f.equals(field)) {
                names.add(column);
            }
        });
        return names.isEmpty() ? field : String.join(" + ", names);
    }

    /** Problems with the mapping itself: unknown columns or fields, required fields left out. */
    List<String> problems(List<String> headers, Collection<ImportField> fields) {
        List<String> problems = new ArrayList<>();
        columns.forEach((column, field) -> {
            if (!headers.contains(column)) {
                problems.add("The file has no column \"" + column + "\"");
            }
            if (fields.stream().noneMatch(f -> f.key().equals(field))) {
                problems.add("Unknown field \"" + field + "\"");
            }
        });
        for (ImportField field : fields) {
            if (field.required() && !columns.containsValue(field.key())) {
                problems.add("No column is mapped to the required field \"" + field.key() + "\"");
            }
        }
        return problems;
    }

    /** Compiled against a file's titles: turns a row's cells into field values. */
    Applied against(List<String> headers) {
        Map<String, List<Integer>> byField = new LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            String field = columns.get(headers.get(i));
            if (field != null) {
                byField.computeIfAbsent(field, f -> new ArrayList<>()).add(i);
            }
        }
        return new Applied(byField);
    }

    /** {@code columns[f]}: the indexes of the columns that feed the field at position {@code f} of {@code fields}. */
    record Applied(FieldValues.Fields fields, int[][] columns) {

        Applied(Map<String, List<Integer>> byField) {
            this(
                    FieldValues.Fields.of(List.copyOf(byField.keySet())),
                    byField.values().stream()
                            .map(indexes ->
                                    indexes.stream().mapToInt(Integer::intValue).toArray())
                            .toArray(int[][]::new));
        }

        /** The row's field values, one array per row over positions shared by the file ({@link FieldValues}). */
        Map<String, String> values(String[] cells) {
            String[] values = new String[columns.length];
            for (int f = 0; f < columns.length; f++) {
                String value = null;
                for (int index : columns[f]) {
                    String cell = index < cells.length ? cells[index] : null;
                    if (cell != null && !cell.isBlank()) {
                        value = value == null ? cell.strip() : value + " " + cell.strip();
                    }
                }
                values[f] = value;
            }
            return FieldValues.of(fields, values);
        }
    }
}
