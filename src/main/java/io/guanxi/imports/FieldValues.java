package io.guanxi.imports;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The field values of one import row, without a map of its own per row: the fields' positions are
 * shared by every row of a file, and each row holds one array of values by position (null where
 * blank). Immutable; holds no nulls as a map (a blank field is absent), like {@link Map#copyOf}.
 */
public final class FieldValues extends AbstractMap<String, String> {

    /** The fields of a file's rows and their positions, shared by all of them. */
    public static final class Fields {
        private final java.util.HashMap<String, Integer> positions = new java.util.HashMap<>();
        /** The names by position. */
        private final String[] names;

        private Fields(List<String> names) {
            // interned: the canonical instance of each name is the constant a reader asks by, also when
            // the names come from a mapping read back from the database
            this.names = names.stream().map(String::intern).toArray(String[]::new);
            for (String name : this.names) {
                if (positions.put(name, positions.size()) != null) {
                    throw new IllegalArgumentException("Field " + name + " named twice");
                }
            }
        }

        /** Fields in the order of the values given with them. */
        public static Fields of(List<String> names) {
            return new Fields(names);
        }

        int size() {
            return names.length;
        }

        /**
         * The field's position, or -1. A reader asks by the same constant the fields were named with,
         * so the names are first compared by identity (a few references side by side; the map's lookups
         * were 4 % of the application's CPU samples in an order import); then by the map.
         */
        int position(Object field) {
            String[] known = names;
            for (int i = 0; i < known.length; i++) {
                if (known[i] == field) {
                    return i;
                }
            }
            Integer at = positions.get(field);
            return at == null ? -1 : at;
        }
    }

    private final Fields fields;
    private final String[] values;
    private final int size;
    private Set<Entry<String, String>> entries;

    /** {@code values} by the fields' positions (null where blank), owned by the answer from then on. */
    public static FieldValues of(Fields fields, String[] values) {
        return new FieldValues(fields, values);
    }

    private FieldValues(Fields fields, String[] values) {
        if (values.length != fields.size()) {
            throw new IllegalArgumentException(values.length + " values for " + fields.size() + " fields");
        }
        this.fields = fields;
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
        int at = fields.position(field);
        return at < 0 ? null : values[at];
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
                    return new Iterator<>() {
                        private int at;
                        private Entry<String, String> next = advance();

                        private Entry<String, String> advance() {
                            while (at < values.length) {
                                String value = values[at];
                                String name = fields.names[at++];
                                if (value != null) {
                                    return new SimpleImmutableEntry<>(name, value);
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
