package io.guanxi.customer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guanxi.shared.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContactNormaliserTests {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "138 0013 8000|+8613800138000",
                "138-0013-8000|+8613800138000",
                "+86 138 0013 8000|+8613800138000",
                "０１３８００１３８０００|+8613800138000",
                "(021) 6888 8888|+862168888888",
                "+44 20 7946 0958|+442079460958"
            })
    void writesPhonesInE164WithChinaAsDefaultRegion(String input, String expected) {
        assertThat(ContactNormaliser.phone(input)).isEqualTo(expected);
    }

    @Test
    void rejectsWhatCannotBeAPhoneNumber() {
        assertThatThrownBy(() -> ContactNormaliser.phone("call me"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("phone");
        assertThatThrownBy(() -> ContactNormaliser.phone("12")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void foldsFullWidthAndWhitespace() {
        assertThat(ContactNormaliser.text("  上海市\u3000浦东新区  ")).isEqualTo("上海市 浦东新区");
        assertThat(ContactNormaliser.text("ＡＢＣ１２３")).isEqualTo("ABC123");
        assertThat(ContactNormaliser.text("   ")).isNull();
    }

    @Test
    void lowerCasesAndValidatesEmails() {
        assertThat(ContactNormaliser.email(" Wang.Ming@Example.COM ")).isEqualTo("wang.ming@example.com");
        assertThat(ContactNormaliser.email("ｗａｎｇ＠ｑｑ．ｃｏｍ")).isEqualTo("wang@qq.com");
        assertThatThrownBy(() -> ContactNormaliser.email("not-an-email")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void composesChineseNamesFamilyFirstAndLatinNamesGivenFirst() {
        assertThat(ContactNormaliser.displayName(null, "王", "小明")).isEqualTo("王小明");
        assertThat(ContactNormaliser.displayName(null, "欧阳", "娜娜")).isEqualTo("欧阳娜娜");
        assertThat(ContactNormaliser.displayName(null, "Smith", "Anna")).isEqualTo("Anna Smith");
        assertThat(ContactNormaliser.displayName(" 王小明 ", null, null)).isEqualTo("王小明");
        assertThatThrownBy(() -> ContactNormaliser.displayName(" ", null, ""))
                .isInstanceOf(InvalidRequestException.class);
    }
}
