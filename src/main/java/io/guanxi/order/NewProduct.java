package io.guanxi.order;

import io.guanxi.shared.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A product to add to the catalogue; the category is created on first use. */
public record NewProduct(
        @NotBlank @Size(max = 64) String sku,
        @NotBlank @Size(max = 200) String name,

        @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Z0-9_]+")
        String categoryCode,

        @Size(max = 200) String categoryName,
        @NotNull @Valid Money price) {}
