package io.guanxi.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Which customers a rule tag belongs on: every condition must hold. Fields are profile fields
 * ({@code kind}, {@code partyType}, {@code gender}, {@code sourceChannel}, {@code province},
 * {@code city}, {@code district}, {@code storeId}, {@code age}, {@code dataQuality},
 * {@code createdDays}, {@code hasPhone}, {@code hasEmail}, {@code inPool}) or figures other modules
 * supply as {@code metric.<name>} (a missing figure counts as 0). Operators: {@code eq}, {@code ne},
 * {@code in} (comma-separated values), {@code gte}, {@code lte}, {@code is} (true/false).
 */
public record TagRule(@NotEmpty @Size(max = 10) List<@Valid Condition> all) {

    public TagRule {
        all = List.copyOf(all);
    }

    public record Condition(
            @NotBlank @Size(max = 80) String field,
            @NotBlank String op,
            @NotBlank @Size(max = 500) String value) {}
}
