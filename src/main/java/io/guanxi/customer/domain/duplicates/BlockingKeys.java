package io.guanxi.customer.domain.duplicates;

import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocking: records that share at least one key are compared; all others are assumed different.
 * Several independent keys keep true pairs together even when some fields are missing or mistyped.
 */
public final class BlockingKeys {

    private static final ThreadLocal<Transliterator> PINYIN =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Han-Latin; Latin-ASCII; Lower"));

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
        if (r.birthday() != null) {
            keys.add("dob:" + r.birthday());
        }
        String given = latin(r.givenName());
        String family = latin(r.familyName());
        if (given == null && family == null && r.displayName() != null) {
            String display = latin(r.displayName());
            keys.add("dn:" + prefix(display.replace(" ", ""), 8));
        }
        if (given != null && family != null) {
            String g = prefix(given, 3);
            String f = prefix(family, 3);
            keys.add("nm:" + (g.compareTo(f) < 0 ? g + "|" + f : f + "|" + g));
        }
        if (r.postcode() != null) {
            if (family != null) {
                keys.add("pf:" + r.postcode() + ":" + family.charAt(0));
            }
            if (given != null) {
                keys.add("pg:" + r.postcode() + ":" + given.charAt(0));
            }
            if (r.street() != null && PairScorer.leadingNumber(r.street()) != null) {
                keys.add("sn:" + r.postcode() + ":" + PairScorer.leadingNumber(r.street()));
            }
        }
        if (r.birthday() != null && family != null) {
            keys.add("yf:" + r.birthday().getYear() + ":" + prefix(family, 2));
        }
        return keys;
    }

    /** Chinese characters become pinyin (王小明 → wangxiaoming) so that spellings meet. */
    static String latin(String value) {
        if (value == null) {
            return null;
        }
        boolean ascii = value.chars().allMatch(c -> c < 128);
        String latin = ascii ? value : PINYIN.get().transliterate(value);
        String letters = latin.replaceAll("[^a-z0-9 ]", "").strip();
        return letters.isEmpty() ? null : letters;
    }

    private static String prefix(String value, int length) {
        return value.length() <= length ? value : value.substring(0, length);
    }
}
