package io.guanxi.identity;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Command: change a user's profile, role, scope and place in the organisation. */
public record UpdateUser(
        @NotBlank @Size(max = 200) String displayName,
        @Email @Size(max = 254) String email,
        @NotNull Role role,
        DataScope scope,
        Long storeId,
        Long teamId) {}
