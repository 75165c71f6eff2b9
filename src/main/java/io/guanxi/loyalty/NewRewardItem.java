package io.guanxi.loyalty;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** A catalogue item to create; a COUPON item names the template it issues. */
public record NewRewardItem(
        @NotBlank @Size(max = 100) String name,
        @NotNull RewardKind kind,
        @NotNull @Positive Long pointsPrice,
        Long templateId,
        @PositiveOrZero Integer stock,
        @Positive Integer perCustomerLimit,
        Boolean active) {}
