package io.guanxi.customer;

import io.guanxi.identity.ScopeFilter;
import java.util.Map;

/**
 * A data scope as another module applies it to its own rows about customers: the rows whose
 * customer lies inside the scope, decided by the customer's owner and store, which only the
 * customer module knows. Other modules add the predicate to their queries instead of reading the
 * customer table themselves.
 */
public final class CustomerScope {

    private CustomerScope() {}

    /**
     * An SQL predicate true for rows whose {@code customerIdColumn} names a customer inside the scope
     * (no condition at all for the scope ALL); parameters are added to {@code params} under names
     * starting with {@code scope_}.
     */
    public static String contains(String customerIdColumn, ScopeFilter scope, Map<String, Object> params) {
        if (scope.everything()) {
            return "1 = 1";
        }
        return customerIdColumn + " IN (SELECT scope_c.id FROM customer scope_c WHERE "
                + scope.where("scope_c.owner_id", "scope_c.store_id", params) + ")";
    }
}
