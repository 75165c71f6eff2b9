package io.guanxi.customer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NameKeysTests {

    @Test
    void chineseNamesGetPinyinAndInitials() {
        NameKeys keys = NameKeys.of("王小明");
        assertThat(keys.search()).isEqualTo("王小明");
        assertThat(keys.pinyin()).isEqualTo("wangxiaoming");
        assertThat(keys.initials()).isEqualTo("wxm");
        assertThat(NameKeys.of("欧阳娜娜").initials()).isEqualTo("oynn");
    }

    @Test
    void latinNamesGetWordInitials() {
        NameKeys keys = NameKeys.of("Anna Smith-Jones");
        assertThat(keys.search()).isEqualTo("anna smith-jones");
        assertThat(keys.pinyin()).isEqualTo("annasmithjones");
        assertThat(keys.initials()).isEqualTo("asj");
    }

    @Test
    void searchQueriesBecomeIndexedLookups() {
        Map<String, Object> params = new HashMap<>();
        assertThat(CustomerRepository.matching("+86 139-0013-8000", params)).isEqualTo("phone = :phone");
        assertThat(params).containsEntry("phone", "+8613900138000");
        params.clear();
        assertThat(CustomerRepository.matching("Wang@QQ.com", params)).isEqualTo("email = :email");
        assertThat(params).containsEntry("email", "wang@qq.com");
        params.clear();
        assertThat(CustomerRepository.matching("wxm", params))
                .contains("name_pinyin LIKE :latin_prefix")
                .contains("name_initials LIKE :latin_prefix");
        assertThat(params).containsEntry("latin_prefix", "wxm%");
        params.clear();
        assertThat(CustomerRepository.matching("王小", params)).doesNotContain("latin_prefix");
        assertThat(params).containsEntry("name_prefix", "王小%");
        params.clear();
        CustomerRepository.matching("50%_off", params);
        assertThat(params.get("name_prefix")).isEqualTo("50\\%\\_off%");
    }
}
