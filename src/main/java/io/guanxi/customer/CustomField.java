package io.guanxi.customer;

import java.util.List;

/**
 * A field a business defines for its customers: text, number, date, or a choice from a list.
 * {@code key} names it in the API, filters ({@code field.<key>=…}), imports and rules
 * ({@code custom.<key>}).
 */
public record CustomField(long id, String key, String label, Type type, List<String> choices) {

    public enum Type {
        TEXT,
        NUMBER,
        DATE,
        CHOICE
    }

    public CustomField {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }
}
