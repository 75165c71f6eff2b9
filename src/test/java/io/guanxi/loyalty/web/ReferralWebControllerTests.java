package io.guanxi.loyalty.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReferralWebControllerTests {

    @Test
    void masksAllButTheFirstCharacterOfTheInvitersName() {
        assertThat(ReferralWebController.maskName("王小明")).isEqualTo("王**");
        assertThat(ReferralWebController.maskName("Alice Wang")).isEqualTo("A****");
        assertThat(ReferralWebController.maskName("王")).isEqualTo("王*");
        assertThat(ReferralWebController.maskName("𠀀家")).isEqualTo("𠀀*");
    }
}
