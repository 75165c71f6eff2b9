package io.guanxi.loyalty;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A coupon template to create. Amounts are in the loyalty currency. Give either {@code validUntil}
 * (with an optional {@code validFrom}) or {@code validDays}.
 */
public record NewCouponTemplate(
        @NotBlank @Size(max = 100) String name,
        @NotNull CouponKind kind,
        @DecimalMin("0.01") BigDecimal amountOff,
        @DecimalMin("0.01") @DecimalMax("100") BigDecimal percentOff,
        @DecimalMin("0.01") BigDecimal maxDiscount,
        @DecimalMin("0.01") BigDecimal minSpend,
        @Size(max = 200) String benefit,
        @Size(max = 20) List<@NotBlank @Size(max = 20) String> categories,
        @Size(max = 50) List<@NotBlank @Size(max = 64) String> skus,
        Instant validFrom,
        Instant validUntil,
        @Positive Integer validDays,
        @Positive Integer perCustomerLimit,
        @Positive Integer totalQuantity,
        Boolean active) {

    public NewCouponTemplate {
        categories = categories == null ? List.of() : List.copyOf(categories);
        skus = skus == null ? List.of() : List.copyOf(skus);
    }
}
