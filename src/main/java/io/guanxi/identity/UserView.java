package io.guanxi.identity;

import java.time.Instant;

/** A user as shown in lists and the API (never the password hash). */
public record UserView(
        long id,
        String username,
        String displayName,
        String email,
        Role role,
        DataScope scope,
        Long storeId,
        Long teamId,
        boolean enabled,
        Instant createdAt) {}
