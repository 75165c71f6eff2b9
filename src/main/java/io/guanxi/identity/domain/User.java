package io.guanxi.identity.domain;

import io.guanxi.identity.DataScope;
import io.guanxi.identity.Role;
import io.guanxi.identity.UserView;
import java.time.Instant;
import java.util.Objects;

/** A person who signs in to Guanxi. Changes go through behaviour, not setters. */
public class User {

    private final Long id;
    private final String username;
    private String displayName;
    private String email;
    private String passwordHash;
    private Role role;
    private DataScope scope;
    private Long storeId;
    private Long teamId;
    private boolean enabled;
    private final Instant createdAt;
    private Instant updatedAt;
    private final int version;

    User(
            Long id,
            String username,
            String displayName,
            String email,
            String passwordHash,
            Role role,
            DataScope scope,
            Long storeId,
            Long teamId,
            boolean enabled,
            Instant createdAt,
            Instant updatedAt,
            int version) {
        this.id = id;
        this.username = Objects.requireNonNull(username);
        this.displayName = displayName;
        this.email = email;
        this.passwordHash = passwordHash;
        this.role = Objects.requireNonNull(role);
        this.scope = Objects.requireNonNull(scope);
        this.storeId = storeId;
        this.teamId = teamId;
        this.enabled = enabled;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.version = version;
    }

    public static User register(
            String username,
            String displayName,
            String email,
            String passwordHash,
            Role role,
            DataScope scope,
            Long storeId,
            Long teamId,
            Instant now) {
        return new User(
                null,
                username.trim().toLowerCase(),
                displayName.trim(),
                normaliseEmail(email),
                passwordHash,
                role,
                scope == null ? role.defaultScope() : scope,
                storeId,
                teamId,
                true,
                now,
                now,
                0);
    }

    public void changeProfile(String displayName, String email, Instant now) {
        this.displayName = displayName.trim();
        this.email = normaliseEmail(email);
        this.updatedAt = now;
    }

    public void assign(Role role, DataScope scope, Long storeId, Long teamId, Instant now) {
        this.role = Objects.requireNonNull(role);
        this.scope = scope == null ? role.defaultScope() : scope;
        this.storeId = storeId;
        this.teamId = teamId;
        this.updatedAt = now;
    }

    public void changePassword(String passwordHash, Instant now) {
        this.passwordHash = passwordHash;
        this.updatedAt = now;
    }

    /** @return true when this call switched the user off */
    public boolean deactivate(Instant now) {
        if (!enabled) {
            return false;
        }
        enabled = false;
        updatedAt = now;
        return true;
    }

    public void reactivate(Instant now) {
        enabled = true;
        updatedAt = now;
    }

    private static String normaliseEmail(String email) {
        return email == null || email.isBlank() ? null : email.trim().toLowerCase();
    }

    public UserView view() {
        return new UserView(id, username, displayName, email, role, scope, storeId, teamId, enabled, createdAt);
    }

    public Long id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    public String email() {
        return email;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Role role() {
        return role;
    }

    public DataScope scope() {
        return scope;
    }

    public Long storeId() {
        return storeId;
    }

    public Long teamId() {
        return teamId;
    }

    public boolean enabled() {
        return enabled;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public int version() {
        return version;
    }
}
