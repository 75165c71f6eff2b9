package io.guanxi.loyalty.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class PointsLedgerTests {

    @Test
    void theRefundedShareOfPointsIsRoundedAndAllOfThemAtAFullRefund() {
        assertThat(PointsLedger.share(460, new BigDecimal("0.25"))).isEqualTo(115);
        assertThat(PointsLedger.share(100, BigDecimal.ONE.divide(new BigDecimal("3"), 10, RoundingMode.HALF_UP)))
                .isEqualTo(33);
        assertThat(PointsLedger.share(100, new BigDecimal("0.6666666667"))).isEqualTo(67);
        assertThat(PointsLedger.share(101, BigDecimal.ONE)).isEqualTo(101);
    }
}
