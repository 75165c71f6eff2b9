package io.guanxi.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Order numbers are ordered as PostgreSQL's index of imported numbers orders them (collation "C":
 * their UTF-8 bytes), so the range between a batch's lowest and highest number holds all of them.
 */
class OrderNumberOrderTests {

    private static int bytewise(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void numbersAreOrderedAsTheirUtf8Bytes() {
        List<String> numbers = List.of(
                "SO-1", "SO-10", "SO-2", "so-1", "SO", "", "订单-7", "\uFFFD-1", "😀-1", "\uE000", "A😀", "A\uFFFF");
        for (String a : numbers) {
            for (String b : numbers) {
                assertThat(Integer.signum(OrderLineImport.IN_CODE_POINT_ORDER.compare(a, b)))
                        .as("%s against %s", a, b)
                        .isEqualTo(Integer.signum(bytewise(a, b)));
            }
        }
        // String.compareTo puts 😀 (two UTF-16 units from 0xD83D) before U+FFFD; the index does not
        assertThat("😀-1".compareTo("\uFFFD-1")).isNegative();
        assertThat(OrderLineImport.IN_CODE_POINT_ORDER.compare("😀-1", "\uFFFD-1"))
                .isPositive();
    }

    @Test
    void randomNumbersAreOrderedAsTheirUtf8Bytes() {
        java.util.Random random = new java.util.Random(5);
        int[] pool = {'0', '9', 'A', '-', 0x7FF, 0x800, 0x4E00, 0xD7FF, 0xE000, 0xFFFD, 0x1F600, 0x10FFFF};
        for (int n = 0; n < 20_000; n++) {
            String a = number(random, pool);
            String b = random.nextInt(4) == 0 ? a + number(random, pool) : number(random, pool);
            assertThat(Integer.signum(OrderLineImport.IN_CODE_POINT_ORDER.compare(a, b)))
                    .as("%s against %s", a, b)
                    .isEqualTo(Integer.signum(bytewise(a, b)));
        }
    }

    private static String number(java.util.Random random, int[] pool) {
        StringBuilder number = new StringBuilder();
        for (int i = random.nextInt(5); i > 0; i--) {
            number.appendCodePoint(pool[random.nextInt(pool.length)]);
        }
        return number.toString();
    }
}
