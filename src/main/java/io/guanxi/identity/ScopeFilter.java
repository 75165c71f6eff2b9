package io.guanxi.identity;

import java.util.List;
import java.util.Map;

/**
 * A data scope resolved for one user, ready to be applied in SQL. Modules add {@link #where} to their
 * queries so that rows outside the scope are never loaded.
 */
public record ScopeFilter(DataScope scope, long userId, Long storeId, List<Long> teamMemberIds) {

    public ScopeFilter {
        teamMemberIds = List.copyOf(teamMemberIds);
    }

    public static ScopeFilter all() {
        return new ScopeFilter(DataScope.ALL, 0, null, List.of());
    }

    /**
     * The predicate for a table whose rows carry an owner and a store column; parameters are added
     * to {@code params} under names starting with {@code scope_}.
     */
    public String where(String ownerColumn, String storeColumn, Map<String, Object> params) {
        return switch (scope) {
            case ALL -> "1 = 1";
            case OWN -> {
                params.put("scope_user", userId);
                yield ownerColumn + " = :scope_user";
            }
            case TEAM -> {
                params.put("scope_team", teamMemberIds.isEmpty() ? List.of(userId) : teamMemberIds);
                yield ownerColumn + " IN (:scope_team)";
            }
            case STORE -> {
                if (storeId == null) {
                    params.put("scope_user", userId);
                    yield ownerColumn + " = :scope_user";
                }
                params.put("scope_store", storeId);
                yield storeColumn + " = :scope_store";
            }
        };
    }

    /** Whether the scope takes in every row, so that no owner or store needs to be read to check one. */
    public boolean everything() {
        return scope == DataScope.ALL;
    }

    /** Whether a row with this owner and store lies inside the scope (the same rule as {@link #where}). */
    public boolean permits(Long ownerId, Long rowStoreId) {
        return switch (scope) {
            case ALL -> true;
            case OWN -> ownerId != null && ownerId == userId;
            case TEAM ->
                ownerId != null && (teamMemberIds.isEmpty() ? ownerId == userId : teamMemberIds.contains(ownerId));
            case STORE -> storeId == null ? ownerId != null && ownerId == userId : storeId.equals(rowStoreId);
        };
    }
}
