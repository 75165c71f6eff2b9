package io.guanxi.loyalty.domain.referral;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReferralGuardTests {

    @Test
    void comparesAddressesAndCodesIgnoringWidthCaseAndSpaces() {
        assertThat(Referrals.same("文三路 100 号", "文三路１００号")).isTrue();
        assertThat(Referrals.same("Alice@Example.com", "alice@example.com")).isTrue();
        assertThat(Referrals.same(null, null))
                .as("two missing values are not shared")
                .isFalse();
        assertThat(Referrals.same("", " ")).isFalse();
        assertThat(Referrals.normaliseCode(" ａｂｃｄ2345 ")).isEqualTo("ABCD2345");
    }
}
