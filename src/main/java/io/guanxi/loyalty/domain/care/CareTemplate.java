package io.guanxi.loyalty.domain.care;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {placeholder}}s in a care text. Values are inserted as they are, once (a value that
 * itself contains braces is not expanded again); unknown placeholders stay visible so a typo in a
 * template shows in the send log. Messages go out as plain text, so nothing here is ever HTML.
 */
public final class CareTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

    private CareTemplate() {}

    public static String fill(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : value));
        }
        matcher.appendTail(out);
        return out.toString().strip();
    }
}
