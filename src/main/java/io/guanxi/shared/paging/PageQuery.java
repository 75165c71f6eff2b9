package io.guanxi.shared.paging;

import io.guanxi.shared.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A validated page request: page from 0, size 1..{@value #MAX_SIZE}, and sort orders restricted to
 * the properties the endpoint declares. Turns itself into SQL only through a property-to-column map,
 * so user input never reaches the statement text.
 */
public record PageQuery(int page, int size, List<SortOrder> sort) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    public PageQuery {
        if (page < 0) {
            throw InvalidRequestException.forField("page", "must be 0 or greater");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw InvalidRequestException.forField("size", "must be between 1 and " + MAX_SIZE);
        }
        sort = List.copyOf(sort);
    }

    public static PageQuery first(int size) {
        return new PageQuery(0, size, List.of());
    }

    /** Parses {@code sort} values of the form {@code property} or {@code property,asc|desc}. */
    public static PageQuery parse(String page, String size, List<String> sorts, Sortable sortable) {
        int pageNumber = parseInt("page", page, 0);
        int pageSize = parseInt("size", size, sortable == null ? DEFAULT_SIZE : sortable.defaultSize());
        List<SortOrder> orders = new ArrayList<>();
        List<String> allowed = sortable == null ? List.of() : List.of(sortable.value());
        for (String raw : sorts == null ? List.<String>of() : sorts) {
            if (raw == null || raw.isBlank()) {
                continue;
            }
            String[] parts = raw.split(",");
            String property = parts[0].trim();
            if (!allowed.contains(property)) {
                throw InvalidRequestException.forField(
                        "sort", "cannot sort by '" + property + "'; allowed: " + String.join(", ", allowed));
            }
            boolean ascending = true;
            if (parts.length > 2) {
                throw InvalidRequestException.forField("sort", "expected property,asc|desc but got '" + raw + "'");
            }
            if (parts.length == 2) {
                String direction = parts[1].trim().toLowerCase();
                if (!direction.equals("asc") && !direction.equals("desc")) {
                    throw InvalidRequestException.forField("sort", "direction must be asc or desc");
                }
                ascending = direction.equals("asc");
            }
            orders.add(new SortOrder(property, ascending));
        }
        if (orders.isEmpty() && sortable != null && !sortable.defaultSort().isEmpty()) {
            String[] parts = sortable.defaultSort().split(",");
            orders.add(new SortOrder(parts[0], parts.length < 2 || parts[1].equals("asc")));
        }
        return new PageQuery(pageNumber, pageSize, orders);
    }

    private static int parseInt(String field, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw InvalidRequestException.forField(field, "must be a whole number");
        }
    }

    public long offset() {
        return (long) page * size;
    }

    /**
     * The ORDER BY clause for the given columns; {@code tieBreaker} keeps pages stable.
     *
     * @param columns property name to SQL column, for every sortable property
     */
    public String orderBy(Map<String, String> columns, String tieBreaker) {
        List<String> terms = sort.stream()
                .map(order -> {
                    String column = columns.get(order.property());
                    if (column == null) {
                        throw new IllegalStateException("No column for sortable property " + order.property());
                    }
                    return column + (order.ascending() ? " ASC" : " DESC");
                })
                .collect(Collectors.toCollection(ArrayList::new));
        terms.add(tieBreaker);
        return " ORDER BY " + String.join(", ", terms) + " LIMIT " + size + " OFFSET " + offset();
    }

    /** One sort order. */
    public record SortOrder(String property, boolean ascending) {}
}
