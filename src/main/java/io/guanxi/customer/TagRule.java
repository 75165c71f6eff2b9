package io.guanxi.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Which customers a rule tag belongs on: every condition of {@code all} holds and, when {@code any}
 * has conditions, at least one of them does ({@code all} or {@code any} may be empty, not both).
 * Fields are profile fields
 * ({@code kind}, {@code partyType}, {@code gender}, {@code sourceChannel}, {@code province},
 * {@code city}, {@code district}, {@code storeId}, {@code age}, {@code dataQuality},
 * {@code createdDays}, {@code hasPhone}, {@code hasEmail}, {@code inPool}) or figures other modules
 * supply as {@code metric.<name>} (a missing figure counts as 0). Operators: {@code eq}, {@code ne},
 * {@code in} (comma-separated values), {@code gte}, {@code lte}, {@code is} (true/false).
 */
public record TagRule(
        @Size(max = 10) List<@Valid Condition> all,
        @Size(max = 10) List<@Valid Condition> any) {

    public TagRule {
        all = all == null ? List.of() : List.copyOf(all);
        any = any == null ? List.of() : List.copyOf(any);
    }

    /** Every condition must hold. */
    public TagRule(List<Condition> all) {
        this(all, List.of());
    }

    /** At least one condition must hold. */
    public static TagRule anyOf(List<Condition> conditions) {
        return new TagRule(List.of(), conditions);
    }

    public record Condition(
            @NotBlank @Size(max = 80) String field,
            @NotBlank String op,
            @NotBlank @Size(max = 500) String value) {}
}
