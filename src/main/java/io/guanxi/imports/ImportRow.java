package io.guanxi.imports;

import java.util.Map;

/**
 * One data row after column mapping: field key → text (blank cells are absent; several columns
 * mapped to one field are joined with a space). {@code row} is the row number as a spreadsheet shows
 * it (the header is row 1).
 */
public record ImportRow(long row, Map<String, String> values) {

    public ImportRow {
        values = values instanceof FieldValues ? values : Map.copyOf(values);
    }

    public String value(String field) {
        return values.get(field);
    }
}
