package io.guanxi.identity;

/** The signed-in user as other modules see it. */
public record CurrentUser(
        long id, String username, String displayName, Role role, DataScope scope, Long storeId, Long teamId)
        implements java.io.Serializable {

    public boolean can(Permission permission) {
        return role.can(permission);
    }
}
