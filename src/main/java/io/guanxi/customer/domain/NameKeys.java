package io.guanxi.customer.domain;

import com.ibm.icu.text.Transliterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a customer's name is searched by: the name itself (lower case), its pinyin without spaces
 * and the initials of its syllables or words — 王小明 → "王小明", "wangxiaoming", "wxm";
 * Anna Smith → "anna smith", "annasmith", "as".
 */
public record NameKeys(String search, String pinyin, String initials) {

    private static final ThreadLocal<Transliterator> PINYIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Han-Latin; Latin-ASCII; Lower"));
    private static final Map<String, NameKeys> CACHE = new ConcurrentHashMap<>();
    /** Pinyin of single characters: a name is read a character at a time, and there are few characters. */
    private static final Map<Integer, String> SYLLABLES = new ConcurrentHashMap<>();

    private static final int CACHE_LIMIT = 200_000;

    public static NameKeys of(String displayName) {
        if (displayName == null) {
            return new NameKeys(null, null, null);
        }
        NameKeys cached = CACHE.get(displayName);
        if (cached != null) {
            return cached;
        }
        String search = displayName.toLowerCase();
        StringBuilder pinyin = new StringBuilder();
        StringBuilder initials = new StringBuilder();
        Transliterator transliterator = PINYIN.get();
        boolean newWord = true;
        for (int i = 0; i < displayName.length(); ) {
            int cp = displayName.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                String syllable = SYLLABLES.computeIfAbsent(
                        cp,
                        c -> transliterator
                                .transliterate(new String(Character.toChars(c)))
                                .replaceAll("[^a-z0-9]", ""));
                if (!syllable.isEmpty()) {
                    pinyin.append(syllable);
                    initials.append(syllable.charAt(0));
                }
                newWord = true;
            } else if (Character.isLetterOrDigit(cp)) {
                String latin = SYLLABLES.computeIfAbsent(
                        cp,
                        c -> transliterator
                                .transliterate(new String(Character.toChars(c)))
                                .replaceAll("[^a-z0-9]", ""));
                pinyin.append(latin);
                if (newWord && !latin.isEmpty()) {
                    initials.append(latin.charAt(0));
                }
                newWord = false;
            } else {
                newWord = true;
            }
        }
        NameKeys keys = new NameKeys(
                truncate(search, 200), truncate(pinyin.toString(), 400), truncate(initials.toString(), 100));
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.put(displayName, keys);
        }
        return keys;
    }

    private static String truncate(String value, int max) {
        return value.isEmpty() ? null : value.length() <= max ? value : value.substring(0, max);
    }
}
