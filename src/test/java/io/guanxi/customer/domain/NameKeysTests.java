package io.guanxi.customer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.guanxi.shared.crypto.BlindIndex;
import io.guanxi.shared.crypto.FieldCipher;
import io.guanxi.shared.crypto.Keyring;
import io.guanxi.shared.crypto.PrivacyProperties;
import io.guanxi.support.TestDatabase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NameKeysTests {

    static final Keyring KEYS = Keyring.of(new PrivacyProperties(
            Map.of("test1", TestDatabase.TEST_KEY),
            "test1",
            Map.of("itest1", TestDatabase.TEST_INDEX_KEY),
            "itest1",
            null));
    static final PersonalData PERSONAL = new PersonalData(new FieldCipher(KEYS), new BlindIndex(KEYS));

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
        assertThat(CustomerRepository.matching("+86 139-0013-8000", params, PERSONAL))
                .isEqualTo("phone_hash IN (:phone)");
        assertThat(params).containsEntry("phone", List.of(PERSONAL.hash(PersonalData.Field.PHONE, "+8613900138000")));
        assertThat(CustomerRepository.matching("139 0013 8000", new HashMap<>(), PERSONAL))
                .isEqualTo("phone_hash IN (:phone)");
        params.clear();
        assertThat(CustomerRepository.matching("Wang@QQ.com", params, PERSONAL)).isEqualTo("email_hash IN (:email)");
        assertThat(params).containsEntry("email", List.of(PERSONAL.hash(PersonalData.Field.EMAIL, "wang@qq.com")));
        params.clear();
        assertThat(CustomerRepository.matching("wxm", params, PERSONAL))
                .contains("name_pinyin LIKE :latin_prefix")
                .contains("name_initials LIKE :latin_prefix");
        assertThat(params).containsEntry("latin_prefix", "wxm%");
        params.clear();
        assertThat(CustomerRepository.matching("王小", params, PERSONAL)).doesNotContain("latin_prefix");
        assertThat(params).containsEntry("name_prefix", "王小%");
        params.clear();
        CustomerRepository.matching("50%_off", params, PERSONAL);
        assertThat(params.get("name_prefix")).isEqualTo("50\\%\\_off%");
    }
}
