package io.guanxi.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The UI speaks zh-CN and en. A choice made with the switcher is kept in a cookie; otherwise the
 * browser's first supported language wins (any Chinese variant maps to zh-CN), and English is the
 * fallback.
 */
public class SupportedLocaleResolver extends CookieLocaleResolver {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final List<Locale> SUPPORTED = List.of(CHINESE, Locale.ENGLISH);

    public SupportedLocaleResolver() {
        super("guanxi-lang");
        setCookieMaxAge(Duration.ofDays(365));
        setDefaultLocaleFunction(SupportedLocaleResolver::fromBrowser);
    }

    static Locale fromBrowser(HttpServletRequest request) {
        for (Locale locale : Collections.list(request.getLocales())) {
            Locale supported = supported(locale);
            if (supported != null) {
                return supported;
            }
        }
        return Locale.ENGLISH;
    }

    static Locale supported(Locale locale) {
        if (locale == null) {
            return null;
        }
        return switch (locale.getLanguage()) {
            case "zh" -> CHINESE;
            case "en" -> Locale.ENGLISH;
            default -> null;
        };
    }

    @Override
    public void setLocale(
            HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response, Locale locale) {
        Locale supported = supported(locale);
        super.setLocale(request, response, supported != null ? supported : Locale.ENGLISH);
    }
}
