package io.guanxi.customer.domain;

import io.guanxi.customer.CustomerKind;
import java.util.Map;

/**
 * The filters of a customer list (and of its export): search text, kind, store, tag, and custom
 * field values (field key → value, compared as the normalised text).
 */
public record CustomerQuery(String q, CustomerKind kind, Long storeId, Long tagId, Map<String, String> fields) {

    public CustomerQuery {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    public CustomerQuery(String q, CustomerKind kind, Long storeId, Long tagId) {
        this(q, kind, storeId, tagId, Map.of());
    }

    /** Custom field filters from request parameters: {@code field.car_model=Camry} → car_model = Camry. */
    public static Map<String, String> fieldFilters(Map<String, String> params) {
        Map<String, String> filters = new java.util.LinkedHashMap<>();
        params.forEach((name, value) -> {
            if (name.startsWith("field.") && value != null && !value.isBlank()) {
                filters.put(name.substring("field.".length()), value);
            }
        });
        return filters;
    }
}
