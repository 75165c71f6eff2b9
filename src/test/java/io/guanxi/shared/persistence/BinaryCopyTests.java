package io.guanxi.shared.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The binary form of numbers: the path for numbers of up to fifteen digits writes exactly what the
 * path through their text writes (the integration tests read both back from PostgreSQL).
 */
class BinaryCopyTests {

    private static byte[] fast(BigDecimal value) {
        BinaryCopy.Out out = new BinaryCopy.Out();
        out.numeric(value);
        return out.written();
    }

    private static byte[] fromText(BigDecimal value) {
        BinaryCopy.Out out = new BinaryCopy.Out();
        out.numericFromText(value);
        return out.written();
    }

    @Test
    void smallNumbersAreWrittenAsTheirTextWouldBe() {
        Random random = new Random(20261205);
        for (int i = 0; i < 100_000; i++) {
            long unscaled = random.nextLong() % (long) Math.pow(10, 1 + random.nextInt(15));
            BigDecimal value = BigDecimal.valueOf(unscaled, random.nextInt(17) - 1);
            byte[] written = fast(value);
            byte[] expected = fromText(value);
            if (!java.util.Arrays.equals(written, expected)) {
                assertThat(written).as("%s", value).isEqualTo(expected);
            }
        }
        for (String value :
                new String[] {"0", "0.00", "-0.01", "1E+3", "10000", "0.0001", "999999999999999", "1E-15"}) {
            assertThat(fast(new BigDecimal(value))).as(value).isEqualTo(fromText(new BigDecimal(value)));
        }
    }

    @Test
    void aNumberIsItsDigitsInBaseTenThousandWithWeightSignAndScale() {
        // 123.45: two digits (123, 4500), weight 0, positive, scale 2
        assertThat(fast(new BigDecimal("123.45")))
                .isEqualTo(new byte[] {0, 0, 0, 12, 0, 2, 0, 0, 0, 0, 0, 2, 0, 123, 0x11, (byte) 0x94});
        // -0.000005: one digit (500) of weight -2, negative, scale 6
        assertThat(fast(new BigDecimal("-0.000005")))
                .isEqualTo(new byte[] {0, 0, 0, 10, 0, 1, (byte) 0xFF, (byte) 0xFE, 0x40, 0, 0, 6, 1, (byte) 0xF4});
        // zero keeps its scale and has no digits
        assertThat(fast(new BigDecimal("0.00"))).isEqualTo(new byte[] {0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 2});
    }
}
