package io.guanxi.identity;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Command: create a user. A null scope means the role's usual scope. */
public record NewUser(
        @NotBlank @Size(min = 3, max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]+")
        String username,

        @NotBlank @Size(max = 200) String displayName,
        @Email @Size(max = 254) String email,
        @NotBlank @Size(min = 10, max = 128) String password,
        @NotNull Role role,
        DataScope scope,
        Long storeId,
        Long teamId) {}
