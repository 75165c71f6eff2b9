package io.guanxi.imports;

import java.util.List;

/**
 * One field of a record type's import dictionary. Its label is the message
 * {@code import.field.<recordType>.<key>}; {@code headers} are column titles (any language, compared
 * case- and space-insensitively) that map to it without being chosen by hand.
 */
public record ImportField(String key, boolean required, List<String> headers) {

    public ImportField {
        headers = List.copyOf(headers);
    }

    public static ImportField optional(String key, String... headers) {
        return new ImportField(key, false, List.of(headers));
    }

    public static ImportField required(String key, String... headers) {
        return new ImportField(key, true, List.of(headers));
    }
}
