package io.guanxi.customer.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.guanxi.shared.InvalidRequestException;
import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * The one normalisation path for customer data from every channel: full-width characters folded,
 * whitespace trimmed and collapsed, phones to E.164 (China as the default region), emails validated
 * and lower-cased.
 */
public final class ContactNormaliser {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern CN_MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern CN_MOBILE_E164 = Pattern.compile("\\+861[3-9][0-9]{9}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");

    private ContactNormaliser() {}

    /** Folds full-width forms (ＡＢＣ１２３, full-width space) and trims; blank becomes null. */
    public static String text(String value) {
        if (value == null) {
            return null;
        }
        if (isAlreadyClean(value)) {
            return value;
        }
        String folded = Normalizer.normalize(value, Normalizer.Form.NFKC);
        String collapsed =
                SPACES.matcher(folded.replace('\u3000', ' ')).replaceAll(" ").trim();
        return collapsed.isEmpty() ? null : collapsed;
    }

    /**
     * True when folding and trimming would not change the text: no leading, trailing or doubled
     * whitespace, and already in NFKC (which covers full-width forms).
     */
    private static boolean isAlreadyClean(String value) {
        int length = value.length();
        if (length == 0) {
            return false;
        }
        boolean previousSpace = true;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean space = c == ' ';
            if (space && previousSpace || c != ' ' && Character.isWhitespace(c) || c == '\u3000') {
                return false;
            }
            previousSpace = space;
        }
        return !previousSpace && Normalizer.isNormalized(value, Normalizer.Form.NFKC);
    }

    /** A phone number in E.164 ({@code +8613812345678}); rejects numbers that cannot be valid. */
    public static String phone(String value) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        if (CN_MOBILE_E164.matcher(text).matches()) {
            return text; // already normalised (the common case when a normalised value is written again)
        }
        String compact = SEPARATORS.matcher(text).replaceAll("");
        if (CN_MOBILE.matcher(compact).matches()) {
            return "+86" + compact; // an 11-digit mainland mobile number: always a possible CN number
        }
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(text, "CN");
            if (!PHONES.isPossibleNumber(number)) {
                throw InvalidRequestException.forField("phone", "is not a possible phone number");
            }
            return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw InvalidRequestException.forField("phone", "is not a phone number");
        }
    }

    /** An identity document number: folded, upper-case, without spaces or dashes. */
    public static String idNumber(String value) {
        String text = text(value);
        return text == null ? null : text.replaceAll("[\\s-]", "").toUpperCase();
    }

    public static String email(String value) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        String lower = text.toLowerCase();
        if (!EMAIL.matcher(lower).matches()) {
            throw InvalidRequestException.forField("email", "is not an email address");
        }
        return lower;
    }

    /**
     * The name shown everywhere. Chinese names are written family name first without a space
     * (王小明); Latin names given name first (Ming Wang).
     */
    public static String displayName(String displayName, String familyName, String givenName) {
        String display = text(displayName);
        if (display != null) {
            return display;
        }
        String family = text(familyName);
        String given = text(givenName);
        if (family == null && given == null) {
            throw InvalidRequestException.forField("displayName", "a name is required");
        }
        if (family == null) {
            return given;
        }
        if (given == null) {
            return family;
        }
        return isHan(family) || isHan(given) ? family + given : given + " " + family;
    }

    static boolean isHan(String s) {
        return s.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }
}
