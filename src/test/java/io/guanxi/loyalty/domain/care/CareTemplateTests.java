package io.guanxi.loyalty.domain.care;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CareTemplateTests {

    @Test
    void fillsPlaceholdersOnceAndLeavesUnknownOnesVisible() {
        String text =
                CareTemplate.fill("{name}，{holiday}快乐 {typo}", Map.of("name", "王{holiday}$1\\", "holiday", "中秋节"));
        assertThat(text).isEqualTo("王{holiday}$1\\，中秋节快乐 {typo}");
    }

    @Test
    void birthdaysOnTheTwentyNinthOfFebruaryAreKeptOnTheTwentyEighthInOtherYears() {
        LocalDate leapling = LocalDate.of(1996, 2, 29);
        assertThat(CareMoments.sameDay(leapling, LocalDate.of(2027, 2, 28))).isTrue();
        assertThat(CareMoments.sameDay(leapling, LocalDate.of(2028, 2, 28))).isFalse();
        assertThat(CareMoments.sameDay(leapling, LocalDate.of(2028, 2, 29))).isTrue();
        assertThat(CareMoments.sameDay(LocalDate.of(1990, 3, 15), LocalDate.of(2030, 3, 15)))
                .isTrue();
        assertThat(CareMoments.sameDay(null, LocalDate.of(2030, 3, 15))).isFalse();
    }
}
