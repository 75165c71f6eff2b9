package io.guanxi.loyalty.domain.care;

import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.InvalidRequestException.FieldProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How one kind of care moment is sent: on or off, how many days ahead of the day, through which
 * channel, with which subject and text in Chinese and English. Texts take placeholders in braces:
 * {@code {name}} always, {@code {years}} (anniversary), {@code {holiday}}, {@code {package}} and
 * {@code {remaining}} (service reminder), {@code {gift}} (the birthday gift reference).
 */
public record MomentSettings(
        CareMoment kind,
        boolean enabled,
        int daysBefore,
        String channel,
        String subjectZh,
        String bodyZh,
        String subjectEn,
        String bodyEn,
        String giftRef,
        Instant updatedAt,
        String updatedBy) {

    public static final List<String> CHANNELS = List.of("EMAIL");

    /** Checks a change before it is stored; every problem at once. */
    public MomentSettings validated() {
        List<FieldProblem> problems = new ArrayList<>();
        if (daysBefore < 0 || daysBefore > 30) {
            problems.add(new FieldProblem("daysBefore", "must be 0 to 30"));
        }
        if (channel == null || !CHANNELS.contains(channel)) {
            problems.add(new FieldProblem("channel", "must be one of " + CHANNELS));
        }
        text(problems, "subjectZh", subjectZh, 200);
        text(problems, "subjectEn", subjectEn, 200);
        text(problems, "bodyZh", bodyZh, 2000);
        text(problems, "bodyEn", bodyEn, 2000);
        if (giftRef != null && giftRef.length() > 100) {
            problems.add(new FieldProblem("giftRef", "must be at most 100 characters"));
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.forFields(problems);
        }
        return this;
    }

    private static void text(List<FieldProblem> problems, String field, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            problems.add(new FieldProblem(field, "must be 1 to " + max + " characters"));
        }
    }

    public String subject(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? subjectZh : subjectEn;
    }

    public String body(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? bodyZh : bodyEn;
    }
}
