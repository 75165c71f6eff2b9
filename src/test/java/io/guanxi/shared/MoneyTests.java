package io.guanxi.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class MoneyTests {

    @Test
    void roundsToTheCurrencyScaleWithBankersRounding() {
        assertThat(Money.yuan("10.005").amount()).isEqualByComparingTo("10.00");
        assertThat(Money.yuan("10.015").amount()).isEqualByComparingTo("10.02");
        assertThat(Money.of("100", "JPY").amount().scale()).isZero();
    }

    @Test
    void addsAndSubtractsInOneCurrency() {
        Money total = Money.yuan("19.90").plus(Money.yuan("0.10")).minus(Money.yuan("25"));
        assertThat(total).isEqualTo(Money.yuan("-5.00"));
        assertThat(total.isNegative()).isTrue();
    }

    @Test
    void refusesToMixCurrencies() {
        assertThatThrownBy(() -> Money.yuan("1").plus(Money.of("1", "USD")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CNY");
    }

    @Test
    void serialisesAmountAsDecimalStringWithCurrency() {
        String json = JsonMapper.builder().build().writeValueAsString(new Money(new BigDecimal("1234.5"), "CNY"));
        assertThat(json).isEqualTo("{\"amount\":\"1234.50\",\"currency\":\"CNY\"}");
    }
}
