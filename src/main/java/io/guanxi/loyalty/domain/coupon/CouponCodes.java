package io.guanxi.loyalty.domain.coupon;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Coupon codes: 12 characters drawn by a secure random generator from 31 letters and digits that
 * cannot be mistaken for one another (no 0/O, 1/I/L), about 59 bits, so codes cannot be guessed. The
 * unique constraint on the code catches the (astronomically unlikely) repeat.
 */
final class CouponCodes {

    static final int LENGTH = 12;
    private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private CouponCodes() {}

    static String next() {
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(code);
    }

    /** A code as typed (any case, with spaces or dashes) in its stored form. */
    static String normalise(String typed) {
        return typed == null ? "" : typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }
}
