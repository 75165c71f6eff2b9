package io.guanxi.imports;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The field values of one import row, without a map of its own per row: the fields' positions are
 * shared by every row of a file, and each row holds one array of values by position (null where
 * blank). Immutable; holds no nulls as a map (a blank field is absent), like {@link Map#copyOf}.
 */
public final class FieldValues extends AbstractMap<String, String> {

    private final Map<String, Integer> positions;
    private final String[] values;
    private final int size;
    private Set<Entry<String, String>> entries;

    /**
     * {@code positions}: each field's index into {@code values}, shared and never changed; {@code values}
     * is owned by the answer from then on.
     */
    public static FieldValues of(Map<String, Integer> positions, String[] values) {
        return new FieldValues(positions, values);
    }

    private FieldValues(Map<String, Integer> positions, String[] values) {
        if (values.length != positions.size()) {
            throw new IllegalArgumentException(values.length + " values for " + positions.size() + " fields");
        }
        this.positions = positions;
        this.values = values;
        int present = 0;
        for (String value : values) {
            if (value != null) {
                present++;
            }
        }
        this.size = present;
    }

    @Override
    public String get(Object field) {
        Integer at = positions.get(field);
        return at == null ? null : values[at];
    }

    @Override
    public boolean containsKey(Object field) {
        return get(field) != null;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        if (entries == null) {
            entries = new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, String>> iterator() {
                    Iterator<Entry<String, Integer>> fields =
                            positions.entrySet().iterator();
                    return new Iterator<>() {
                        private Entry<String, String> next = advance();

                        private Entry<String, String> advance() {
                            while (fields.hasNext()) {
                                Entry<String, Integer> field = fields.next();
                                String value = values[field.getValue()];
                                if (value != null) {
                                    return new SimpleImmutableEntry<>(field.getKey(), value);
                                }
                            }
                            return null;
                        }

                        @Override
                        public boolean hasNext() {
                            return next != null;
                        }

                        @Override
                        public Entry<String, String> next() {
                            if (next == null) {
                                throw new NoSuchElementException();
                            }
                            Entry<String, String> answer = next;
                            next = advance();
                            return answer;
                        }
                    };
                }

                @Override
                public int size() {
                    return size;
                }
            };
        }
        return entries;
    }
}
