package io.guanxi.imports.domain;

/**
 * Checks, block by block, whether a byte stream is well-formed UTF-8, so that an upload's encoding
 * is known from the whole file and not guessed from its first lines. Anything that is not UTF-8 is
 * read as GB18030 (which includes GBK and GB2312), the other encoding Chinese spreadsheets are
 * saved in.
 */
final class Utf8Check {

    private int pending; // continuation bytes still expected
    private boolean valid = true;
    private boolean bom;
    private long seen;

    void update(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length && valid; i++, seen++) {
            int b = bytes[i] & 0xFF;
            if (seen == 0 && b == 0xEF && length - (i - offset) >= 3) {
                bom = (bytes[i + 1] & 0xFF) == 0xBB && (bytes[i + 2] & 0xFF) == 0xBF;
            }
            if (pending > 0) {
                if ((b & 0xC0) != 0x80) {
                    valid = false;
                }
                pending--;
            } else if (b < 0x80) {
                // ASCII
            } else if (b >= 0xC2 && b <= 0xDF) {
                pending = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                pending = 2;
            } else if (b >= 0xF0 && b <= 0xF4) {
                pending = 3;
            } else {
                valid = false;
            }
        }
    }

    /** True when every byte so far was UTF-8 and no character is cut off at the end. */
    boolean isUtf8() {
        return valid && pending == 0;
    }

    boolean hasBom() {
        return bom;
    }

    /** The encoding to read the stream with: {@code UTF-8} or {@code GB18030}. */
    String encoding() {
        return isUtf8() ? "UTF-8" : "GB18030";
    }
}
