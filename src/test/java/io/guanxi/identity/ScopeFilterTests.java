package io.guanxi.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScopeFilterTests {

    @Test
    void ownScopeRestrictsToTheOwner() {
        Map<String, Object> params = new HashMap<>();
        String sql = new ScopeFilter(DataScope.OWN, 7, 3L, List.of()).where("c.owner_id", "c.store_id", params);
        assertThat(sql).isEqualTo("c.owner_id = :scope_user");
        assertThat(params).containsEntry("scope_user", 7L);
    }

    @Test
    void teamScopeRestrictsToTeamMembers() {
        Map<String, Object> params = new HashMap<>();
        String sql = new ScopeFilter(DataScope.TEAM, 7, 3L, List.of(7L, 8L, 9L)).where("owner_id", "store_id", params);
        assertThat(sql).isEqualTo("owner_id IN (:scope_team)");
        assertThat(params.get("scope_team")).isEqualTo(List.of(7L, 8L, 9L));
    }

    @Test
    void storeScopeRestrictsToTheStoreAndFallsBackToOwnWithoutOne() {
        Map<String, Object> params = new HashMap<>();
        assertThat(new ScopeFilter(DataScope.STORE, 7, 3L, List.of()).where("owner_id", "store_id", params))
                .isEqualTo("store_id = :scope_store");
        assertThat(params).containsEntry("scope_store", 3L);
        assertThat(new ScopeFilter(DataScope.STORE, 7, null, List.of()).where("owner_id", "store_id", new HashMap<>()))
                .isEqualTo("owner_id = :scope_user");
    }

    @Test
    void allScopeAddsNoRestriction() {
        assertThat(ScopeFilter.all().where("owner_id", "store_id", new HashMap<>()))
                .isEqualTo("1 = 1");
    }

    @Test
    void everyRoleHasAScopeAndAdminHoldsEveryPermission() {
        assertThat(Role.ADMIN.permissions()).containsExactlyInAnyOrder(Permission.values());
        assertThat(Role.SALES.defaultScope()).isEqualTo(DataScope.OWN);
        assertThat(Role.DEALER.can(Permission.USER_ADMIN)).isFalse();
        assertThat(Role.ANALYST.can(Permission.CUSTOMER_WRITE)).isFalse();
    }
}
