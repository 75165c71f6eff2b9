package io.guanxi.customer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.guanxi.customer.CustomerKind;
import io.guanxi.customer.CustomerProperties.MergeField;
import io.guanxi.customer.CustomerProperties.MergeRule;
import io.guanxi.customer.CustomerProperties.Survivorship;
import io.guanxi.customer.CustomerView;
import io.guanxi.customer.Gender;
import io.guanxi.customer.PartyType;
import io.guanxi.customer.SourceChannel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SurvivorshipTests {

    private static final Instant OLD = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant NEW = Instant.parse("2026-01-01T00:00:00Z");

    private static CustomerView record(
            long id,
            String phone,
            String street,
            String district,
            String idNumber,
            SourceChannel source,
            Instant updated) {
        return new CustomerView(
                id,
                PartyType.PERSON,
                CustomerKind.RETAIL,
                "王小明",
                "王",
                id == 1 ? "小明" : null,
                id == 1 ? null : Gender.MALE,
                id == 1 ? LocalDate.of(1990, 5, 17) : LocalDate.of(1990, 5, 18),
                phone,
                null,
                "浙江省",
                "杭州市",
                district,
                street,
                null,
                idNumber,
                source,
                1L,
                null,
                OLD,
                updated,
                0);
    }

    private static CustomerView merge(Survivorship rules, CustomerView survivor, CustomerView duplicate) {
        Customer customer = Customer.restore(survivor);
        customer.absorb(duplicate, rules, NEW);
        return customer.view();
    }

    private final CustomerView survivor =
            record(1, "+8613800000001", "文三路100号", null, "330106199005170011", SourceChannel.IMPORT, OLD);
    private final CustomerView newerDuplicate =
            record(2, "+8613900000002", "文三路100号3幢201室", "西湖区", "330106199005180022", SourceChannel.STORE, NEW);

    @Test
    void byDefaultContactsComeFromTheNewerRecordAndIdentityStaysWithTheSurvivor() {
        CustomerView merged = merge(Survivorship.DEFAULT, survivor, newerDuplicate);
        assertThat(merged.phone()).isEqualTo("+8613900000002");
        assertThat(merged.street()).isEqualTo("文三路100号3幢201室");
        assertThat(merged.district()).isEqualTo("西湖区");
        assertThat(merged.idNumber()).isEqualTo("330106199005170011");
        assertThat(merged.birthday()).isEqualTo(LocalDate.of(1990, 5, 17));
        assertThat(merged.gender()).as("only the duplicate knows it").isEqualTo(Gender.MALE);
        assertThat(merged.givenName()).isEqualTo("小明");

        CustomerView olderDuplicate =
                record(2, "+8613900000002", "文三路100号3幢201室", "西湖区", null, SourceChannel.STORE, Instant.EPOCH);
        assertThat(merge(Survivorship.DEFAULT, survivor, olderDuplicate).phone())
                .isEqualTo("+8613800000001");
    }

    @Test
    void mostCompleteTakesTheFullerAddressWhateverItsAge() {
        Survivorship rules = new Survivorship(Map.of(MergeField.ADDRESS, MergeRule.MOST_COMPLETE), null);
        CustomerView olderButFuller = record(2, null, "文三路100号3幢201室", "西湖区", null, SourceChannel.STORE, Instant.EPOCH);
        CustomerView merged = merge(rules, survivor, olderButFuller);
        assertThat(merged.street()).isEqualTo("文三路100号3幢201室");
        assertThat(merged.district()).isEqualTo("西湖区");
        assertThat(merged.phone()).as("only the survivor has a phone").isEqualTo("+8613800000001");

        CustomerView newerButThinner = record(2, null, "文三路", null, null, SourceChannel.STORE, NEW);
        assertThat(merge(rules, survivor, newerButThinner).street()).isEqualTo("文三路100号");
    }

    @Test
    void trustedSourceTakesTheValueOfTheMoreTrustedChannelAndTheSurvivorsOnATie() {
        Survivorship rules = new Survivorship(
                Map.of(MergeField.ID_NUMBER, MergeRule.TRUSTED_SOURCE, MergeField.PHONE, MergeRule.SURVIVOR_FIRST),
                List.of(SourceChannel.STORE, SourceChannel.DEALER));
        CustomerView merged = merge(rules, survivor, newerDuplicate);
        assertThat(merged.idNumber())
                .as("STORE is trusted, IMPORT is not listed")
                .isEqualTo("330106199005180022");
        assertThat(merged.phone()).as("survivor first overrides the default").isEqualTo("+8613800000001");

        CustomerView sameSource = record(2, null, null, null, "330106199005180022", SourceChannel.IMPORT, NEW);
        assertThat(merge(rules, survivor, sameSource).idNumber()).isEqualTo("330106199005170011");
    }
}
