package io.guanxi.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Command: open a store or branch. */
public record NewStore(
        @NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_-]+")
        String code,

        @NotBlank @Size(max = 200) String name,
        @Size(max = 64) String province,
        @Size(max = 64) String city,
        @Size(max = 300) String address) {}
