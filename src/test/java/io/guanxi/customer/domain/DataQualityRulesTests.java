package io.guanxi.customer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.guanxi.customer.CustomerKind;
import io.guanxi.customer.CustomerView;
import io.guanxi.customer.DataQuality;
import io.guanxi.customer.Gender;
import io.guanxi.customer.PartyType;
import io.guanxi.customer.SourceChannel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DataQualityRulesTests {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private static CustomerView person(
            String phone, String email, LocalDate birthday, String idNumber, Instant updated) {
        return new CustomerView(
                1,
                PartyType.PERSON,
                CustomerKind.RETAIL,
                "王小明",
                "王",
                "小明",
                Gender.MALE,
                birthday,
                phone,
                email,
                "浙江省",
                "杭州",
                "西湖区",
                "文三路100号",
                "310012",
                idNumber,
                SourceChannel.STORE,
                1L,
                2L,
                updated,
                updated,
                0);
    }

    @Test
    void aCompleteValidFreshRecordScoresFullMarks() {
        DataQuality q = DataQualityRules.of(
                person("+8613812345678", "w@example.com", LocalDate.of(1990, 5, 17), "11010519491231002X", NOW), NOW);
        assertThat(q.score()).isEqualTo(100);
        assertThat(q.missing()).isEmpty();
        assertThat(q.invalid()).isEmpty();
    }

    @Test
    void namesWhatIsMissingAndWhatIsDoubtful() {
        DataQuality q =
                DataQualityRules.of(person(null, null, LocalDate.of(1890, 1, 1), "110105194912310021", NOW), NOW);
        assertThat(q.missing()).containsExactly("phone", "email");
        assertThat(q.invalid()).containsExactly("birthday", "idNumber");
        assertThat(q.completeness()).isEqualTo(35); // 35 of 50 weighted points filled
        assertThat(q.validity()).isEqualTo(10); // birthday, ID number and name checked; two fail
    }

    @Test
    void freshnessFallsInStepsWithTheRecordsAge() {
        CustomerView c = person("+8613812345678", null, null, null, NOW);
        assertThat(DataQualityRules.freshness(NOW.minus(Duration.ofDays(180)), NOW))
                .isEqualTo(20);
        assertThat(DataQualityRules.freshness(NOW.minus(Duration.ofDays(181)), NOW))
                .isEqualTo(13);
        assertThat(DataQualityRules.freshness(NOW.minus(Duration.ofDays(700)), NOW))
                .isEqualTo(7);
        assertThat(DataQualityRules.freshness(NOW.minus(Duration.ofDays(2000)), NOW))
                .isZero();
        assertThat(DataQualityRules.of(c, NOW.plus(Duration.ofDays(1000))).score())
                .isEqualTo(DataQualityRules.stored(c));
    }

    @Test
    void checksTheCheckDigitOfMainlandIdentityNumbers() {
        assertThat(DataQualityRules.validChineseIdNumber("11010519491231002X")).isTrue();
        assertThat(DataQualityRules.validChineseIdNumber("110105194912310021")).isFalse();
        assertThat(DataQualityRules.validChineseIdNumber("A1234567")).isFalse();
    }

    @Test
    void organisationsAreNotAskedForBirthdayOrGender() {
        CustomerView org = new CustomerView(
                2,
                PartyType.ORGANISATION,
                CustomerKind.COMMERCIAL,
                "杭州某某建材有限公司",
                null,
                null,
                null,
                null,
                "+8657188881234",
                "info@example.com",
                "浙江省",
                "杭州",
                null,
                "文一路1号",
                "310000",
                null,
                SourceChannel.DEALER,
                1L,
                null,
                NOW,
                NOW,
                0);
        DataQuality q = DataQualityRules.of(org, NOW);
        assertThat(q.missing()).isEmpty();
        assertThat(q.completeness()).isEqualTo(50);
    }
}
