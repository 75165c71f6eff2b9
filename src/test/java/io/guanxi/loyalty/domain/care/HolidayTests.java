package io.guanxi.loyalty.domain.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guanxi.shared.InvalidRequestException;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class HolidayTests {

    private static Holiday lunar(int month, int day) {
        return new Holiday(1, "节", "Festival", Holiday.Calendar.LUNAR, month, day, true);
    }

    @Test
    void resolvesSpringFestivalFromTheLunarCalendar() {
        assertThat(lunar(1, 1).datesIn(2024)).containsExactly(LocalDate.of(2024, 2, 10));
        assertThat(lunar(1, 1).datesIn(2025)).containsExactly(LocalDate.of(2025, 1, 29));
        assertThat(lunar(1, 1).datesIn(2026)).containsExactly(LocalDate.of(2026, 2, 17));
    }

    @Test
    void resolvesMidAutumnFromTheLunarCalendar() {
        assertThat(lunar(8, 15).datesIn(2024)).containsExactly(LocalDate.of(2024, 9, 17));
        assertThat(lunar(8, 15).datesIn(2025)).containsExactly(LocalDate.of(2025, 10, 6));
        assertThat(lunar(8, 15).datesIn(2026)).containsExactly(LocalDate.of(2026, 9, 25));
    }

    @Test
    void resolvesDragonBoatFestival() {
        assertThat(lunar(5, 5).datesIn(2026)).containsExactly(LocalDate.of(2026, 6, 19));
    }

    @Test
    void lateLunarMonthsFallInTheGregorianYearAsked() {
        // 腊八 (12/8) of the Chinese year that began in 2025 falls on 26 January 2026.
        assertThat(lunar(12, 8).datesIn(2026)).containsExactly(LocalDate.of(2026, 1, 26));
    }

    @Test
    void aLunarDateCanFallTwiceInOneGregorianYear() {
        // 腊八 of the Chinese year that began in 2021, then of the one that began in 2022.
        Holiday laba = lunar(12, 8);
        assertThat(laba.datesIn(2022)).containsExactly(LocalDate.of(2022, 1, 10), LocalDate.of(2022, 12, 30));
        assertThat(laba.fallsOn(LocalDate.of(2022, 1, 10))).isTrue();
        assertThat(laba.fallsOn(LocalDate.of(2022, 12, 30))).isTrue();
        // 冬月二十 (11/20): 3 January 2021 (the year that began in 2020) and 23 December 2021.
        assertThat(lunar(11, 20).datesIn(2021)).containsExactly(LocalDate.of(2021, 1, 3), LocalDate.of(2021, 12, 23));
    }

    @Test
    void gregorianHolidaysAreFixedDates() {
        Holiday national = new Holiday(2, "国庆节", "National Day", Holiday.Calendar.GREGORIAN, 10, 1, true);
        assertThat(national.datesIn(2026)).containsExactly(LocalDate.of(2026, 10, 1));
        assertThat(national.name(Locale.SIMPLIFIED_CHINESE)).isEqualTo("国庆节");
        assertThat(national.name(Locale.ENGLISH)).isEqualTo("National Day");
    }

    @Test
    void rejectsImpossibleDates() {
        assertThatThrownBy(() -> new Holiday(0, "x", "x", Holiday.Calendar.GREGORIAN, 2, 30, true))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new Holiday(0, "x", "x", Holiday.Calendar.LUNAR, 13, 1, true))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new Holiday(0, " ", "x", Holiday.Calendar.LUNAR, 1, 1, true))
                .isInstanceOf(InvalidRequestException.class);
    }
}
