package io.guanxi.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldValuesTests {

    final FieldValues.Fields fields = FieldValues.Fields.of(List.of("name", "phone", "city"));

    @Test
    void isTheMapOfItsNonBlankValuesInFieldOrder() {
        FieldValues values = FieldValues.of(fields, new String[] {"王伟", null, "杭州"});
        assertThat(values).isEqualTo(Map.of("name", "王伟", "city", "杭州"));
        assertThat(values).hasSize(2).containsKey("city").doesNotContainKey("phone");
        assertThat(values.get("phone")).isNull();
        assertThat(values.get("street")).isNull();
        assertThat(values.keySet()).containsExactly("name", "city");
        assertThat(values.hashCode())
                .isEqualTo(Map.of("name", "王伟", "city", "杭州").hashCode());
        assertThatThrownBy(() -> values.put("phone", "1")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anImportRowKeepsThemWithoutACopyAndEqualsOneMadeFromAMap() {
        FieldValues values = FieldValues.of(fields, new String[] {"王伟", "13812345678", null});
        ImportRow row = new ImportRow(2, values);
        assertThat(row.values()).isSameAs(values);
        assertThat(row).isEqualTo(new ImportRow(2, Map.of("name", "王伟", "phone", "13812345678")));
        assertThat(row.value("phone")).isEqualTo("13812345678");
    }

    @Test
    void aFieldNamedByAnEqualStringIsFoundAsByTheSameOne() {
        FieldValues values = FieldValues.of(fields, new String[] {"王伟", "13812345678", "杭州"});
        String city = new StringBuilder("ci").append("ty").toString();
        assertThat(city).isNotSameAs("city");
        assertThat(values.get(city)).isEqualTo("杭州");
        assertThat(values.get(new StringBuilder("pho").append("ne").toString())).isEqualTo("13812345678");
        assertThat(values.get(new StringBuilder("stre").append("et").toString()))
                .isNull();
        assertThat(values.get(42)).isNull();
    }

    @Test
    void fieldsNamedByStringsReadBackAreFoundByTheConstants() {
        FieldValues.Fields read = FieldValues.Fields.of(
                List.of(new StringBuilder("na").append("me").toString()));
        assertThat(read.position("name")).isZero();
        assertThat(FieldValues.of(read, new String[] {"王伟"}).get("name")).isEqualTo("王伟");
        assertThat(FieldValues.of(read, new String[] {"王伟"}).keySet().iterator().next())
                .as("the file's name is the constant's instance, so a lookup by the constant matches by identity")
                .isSameAs("name");
    }

    @Test
    void valuesMustMatchTheFields() {
        assertThatThrownBy(() -> FieldValues.of(fields, new String[2])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldValues.Fields.of(List.of("a", "a"))).isInstanceOf(IllegalArgumentException.class);
    }
}
