package io.guanxi.loyalty.domain.care;

import com.ibm.icu.util.ChineseCalendar;
import com.ibm.icu.util.TimeZone;
import io.guanxi.shared.InvalidRequestException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A holiday customers are greeted on: a fixed Gregorian date (元旦 1/1) or a date of the Chinese
 * lunisolar calendar (春节 1/1, 端午 5/5, 中秋 8/15), resolved for a Gregorian year with ICU's
 * {@link ChineseCalendar}. The Chinese calendar is reckoned at UTC+8, so the date is read there.
 */
public record Holiday(long id, String nameZh, String nameEn, Calendar calendar, int month, int day, boolean enabled) {

    /** How the date is given. */
    public enum Calendar {
        GREGORIAN,
        LUNAR
    }

    /** Years between the Chinese calendar's epoch and the Gregorian year in which a Chinese year begins. */
    private static final int CHINESE_EPOCH_OFFSET = 2637;

    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    public Holiday {
        if (nameZh == null || nameZh.isBlank() || nameZh.strip().length() > 60) {
            throw InvalidRequestException.forField("nameZh", "must be 1 to 60 characters");
        }
        if (nameEn == null || nameEn.isBlank() || nameEn.strip().length() > 60) {
            throw InvalidRequestException.forField("nameEn", "must be 1 to 60 characters");
        }
        nameZh = nameZh.strip();
        nameEn = nameEn.strip();
        if (calendar == null) {
            throw InvalidRequestException.forField("calendar", "is required");
        }
        if (month < 1 || month > 12) {
            throw InvalidRequestException.forField("month", "must be 1 to 12");
        }
        int max = calendar == Calendar.LUNAR ? 30 : java.time.Month.of(month).maxLength();
        if (day < 1 || day > max) {
            throw InvalidRequestException.forField("day", "must be 1 to " + max);
        }
    }

    public String name(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
    }

    /**
     * The days the holiday falls on in the Gregorian year {@code year}, in order: one for a Gregorian
     * holiday, one or two for a lunar one (a date late in the Chinese year, such as 腊八 12/8, can fall
     * both in January, in the Chinese year that began the year before, and in December).
     */
    public List<LocalDate> datesIn(int year) {
        if (calendar == Calendar.GREGORIAN) {
            try {
                return List.of(LocalDate.of(year, month, day));
            } catch (DateTimeException e) {
                return List.of(LocalDate.of(year, month, 1)
                        .withDayOfMonth(LocalDate.of(year, month, 1).lengthOfMonth()));
            }
        }
        // The Chinese years that begin in the previous and in this Gregorian year each have the date once.
        List<LocalDate> dates = new ArrayList<>(2);
        for (int startYear : new int[] {year - 1, year}) {
            LocalDate date = lunar(startYear, month, day);
            if (date.getYear() == year) {
                dates.add(date);
            }
        }
        return List.copyOf(dates);
    }

    /** Whether the holiday falls on {@code date}. */
    public boolean fallsOn(LocalDate date) {
        return datesIn(date.getYear()).contains(date);
    }

    /** Lunar month/day (not a leap month) of the Chinese year that begins in Gregorian {@code startYear}. */
    static LocalDate lunar(int startYear, int month, int day) {
        ChineseCalendar chinese = new ChineseCalendar(TimeZone.getTimeZone("GMT+08:00"));
        chinese.clear();
        // The 60-year cycle (era) and the year in it; ICU versions disagree on what EXTENDED_YEAR counts.
        int sinceEpoch = startYear + CHINESE_EPOCH_OFFSET;
        chinese.set(Calendar_.ERA, (sinceEpoch - 1) / 60 + 1);
        chinese.set(Calendar_.YEAR, (sinceEpoch - 1) % 60 + 1);
        chinese.set(Calendar_.MONTH, month - 1);
        chinese.set(ChineseCalendar.IS_LEAP_MONTH, 0);
        chinese.set(Calendar_.DAY_OF_MONTH, 1);
        int last = chinese.getActualMaximum(Calendar_.DAY_OF_MONTH);
        chinese.set(Calendar_.DAY_OF_MONTH, Math.min(day, last));
        return Instant.ofEpochMilli(chinese.getTimeInMillis()).atOffset(CHINA).toLocalDate();
    }

    /** ICU's field constants (the record's own {@link Calendar} enum shadows the name). */
    private static final class Calendar_ {
        static final int ERA = com.ibm.icu.util.Calendar.ERA;
        static final int YEAR = com.ibm.icu.util.Calendar.YEAR;
        static final int MONTH = com.ibm.icu.util.Calendar.MONTH;
        static final int DAY_OF_MONTH = com.ibm.icu.util.Calendar.DAY_OF_MONTH;
    }
}
