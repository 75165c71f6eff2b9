package io.guanxi.customer.domain.duplicates;

import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Blocking: records that share at least one key are compared; all others are assumed different.
 * Several independent keys keep true pairs together even when some fields are missing or mistyped.
 */
public final class BlockingKeys {

    private static final ThreadLocal<Transliterator> PINYIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Han-Latin; Latin-ASCII; Lower"));

    /** Names repeat a lot; transliterating each distinct one once keeps a full scan fast. */
    private static final Map<String, String> TRANSLITERATED = new ConcurrentHashMap<>();

    private static final int CACHE_LIMIT = 500_000;
    private static final Pattern NOT_LETTERS = Pattern.compile("[^a-z0-9 ]");

    private BlockingKeys() {}

    public static List<String> of(MatchRecord r) {
        List<String> keys = new ArrayList<>(10);
        if (r.idNumber() != null) {
            keys.add("id:" + r.idNumber());
        }
        if (r.phone() != null) {
            keys.add("ph:" + r.phone());
        }
        if (r.email() != null) {
            keys.add("em:" + r.email());
        }
        String given = latin(r.givenName());
        String family = latin(r.familyName());
        if (given == null && family == null && r.displayName() != null) {
            keys.add("dn:" + latin(r.displayName()).replace(" ", ""));
        }
        if (given != null && family != null) {
            String g = given.replace(" ", "");
            String f = family.replace(" ", "");
            String city = latin(r.city());
            keys.add("nm:" + (g.compareTo(f) < 0 ? g + "|" + f : f + "|" + g) + ":"
                    + (city == null ? "" : city.substring(0, Math.min(3, city.length()))));
        }
        if (r.birthday() != null) {
            if (family != null) {
                keys.add("df:" + r.birthday() + ":" + family.charAt(0));
            }
            if (given != null) {
                keys.add("dg:" + r.birthday() + ":" + given.charAt(0));
            }
        }
        if (r.postcode() != null) {
            if (family != null && given != null) {
                keys.add("pn:" + r.postcode() + ":" + Math.min(family.charAt(0), given.charAt(0))
                        + Math.max(family.charAt(0), given.charAt(0)));
            }
            if (r.houseNumber() != null) {
                keys.add("sn:" + r.postcode() + ":" + r.houseNumber());
            }
        }
        return keys;
    }

    /** Chinese characters become pinyin (王小明 → wangxiaoming) so that spellings meet. */
    static String latin(String value) {
        if (value == null) {
            return null;
        }
        boolean ascii = value.chars().allMatch(c -> c < 128);
        if (ascii) {
            return lettersOnly(value);
        }
        String cached = TRANSLITERATED.get(value);
        if (cached == null) {
            cached = lettersOnly(PINYIN.get().transliterate(value));
            if (TRANSLITERATED.size() < CACHE_LIMIT) {
                TRANSLITERATED.put(value, cached == null ? "" : cached);
            }
        }
        return cached == null || cached.isEmpty() ? null : cached;
    }

    private static String lettersOnly(String value) {
        String letters = NOT_LETTERS.matcher(value).replaceAll("").strip();
        return letters.isEmpty() ? null : letters;
    }
}
