package io.guanxi.loyalty.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.Money;
import org.junit.jupiter.api.Test;

class CashValueTests {

    private final CashValue cash = new CashValue(LoyaltyPropertiesMother.defaults());

    @Test
    void hundredPointsPayOneYuan() {
        assertThat(cash.deduction(1234, Money.yuan("100.00"))).isEqualTo(Money.yuan("12.34"));
        assertThat(cash.deduction(0, Money.yuan("100.00"))).isEqualTo(Money.yuan("0.00"));
        assertThat(cash.pointsFor(Money.yuan("12.34"))).isEqualTo(1234);
    }

    @Test
    void pointsPayAtMostHalfAnOrder() {
        assertThat(cash.deduction(5000, Money.yuan("100.00"))).isEqualTo(Money.yuan("50.00"));
        assertThatThrownBy(() -> cash.deduction(5001, Money.yuan("100.00")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("50%");
    }
}
