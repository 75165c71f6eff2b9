package io.guanxi.customer;

import java.util.Map;

/**
 * Figures another module keeps per customer in its own tables (e.g. the order module's purchase
 * summary), offered to rule tags and the customer page where they are kept, instead of being copied
 * into the customer module's figures on every change. A module implements this as a bean; the
 * customer module reads the figures through the SQL it gives and does not depend on the module.
 */
public interface CustomerFigureSource {

    /**
     * Figure name (e.g. {@code orders.count}) → a scalar SQL expression over the customer row,
     * aliased {@code c}, that gives the customer's figure, or NULL when it has none.
     */
    Map<String, String> figureSql();
}
