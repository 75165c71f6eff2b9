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
        assertThat(lunar(1, 1).dateIn(2024)).isEqualTo(LocalDate.of(2024, 2, 10));
        assertThat(lunar(1, 1).dateIn(2025)).isEqualTo(LocalDate.of(2025, 1, 29));
        assertThat(lunar(1, 1).dateIn(2026)).isEqualTo(LocalDate.of(2026, 2, 17));
    }

    @Test
    void resolvesMidAutumnFromTheLunarCalendar() {
        assertThat(lunar(8, 15).dateIn(2024)).isEqualTo(LocalDate.of(2024, 9, 17));
        assertThat(lunar(8, 15).dateIn(2025)).isEqualTo(LocalDate.of(2025, 10, 6));
        assertThat(lunar(8, 15).dateIn(2026)).isEqualTo(LocalDate.of(2026, 9, 25));
    }

    @Test
    void resolvesDragonBoatFestival() {
        assertThat(lunar(5, 5).dateIn(2026)).isEqualTo(LocalDate.of(2026, 6, 19));
    }

    @Test
    void lateLunarMonthsFallInTheGregorianYearAsked() {
        // 腊八 (12/8) of the Chinese year that began in 2025 falls on 26 January 2026.
        assertThat(lunar(12, 8).dateIn(2026)).isEqualTo(LocalDate.of(2026, 1, 26));
    }

    @Test
    void gregorianHolidaysAreFixedDates() {
        Holiday national = new Holiday(2, "国庆节", "National Day", Holiday.Calendar.GREGORIAN, 10, 1, true);
        assertThat(national.dateIn(2026)).isEqualTo(LocalDate.of(2026, 10, 1));
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
