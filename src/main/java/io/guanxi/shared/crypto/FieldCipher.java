package io.guanxi.shared.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts single text values for storage with AES-256-GCM (JDK provider): a random 96-bit nonce per
 * value, a 128-bit tag. The stored form is text, {@code g1:<key id>:<base64url(nonce | ciphertext |
 * tag)>}, so it carries the key it needs and fits a VARCHAR column. The version, the key id and a
 * caller-chosen context (the table and column, e.g. {@code customer.phone}) are authenticated as
 * associated data: a value copied into another column, or given another key id, fails to decrypt.
 *
 * <p>Thread-safe: one {@link Cipher} per thread, one shared {@link SecureRandom}.
 */
public final class FieldCipher {

    static final String VERSION = "g1";
    /** How every encrypted value begins, whatever its key. */
    public static final String PREFIX = VERSION + ":";

    /** How bytes encrypted for a binary column begin ({@link #encryptBytes}), whatever their key. */
    static final String BYTES_PREFIX = VERSION + "b:";

    /** The longest key id looked for in stored bytes. */
    private static final int MAX_KEY_ID = 64;

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available in this JDK", e);
        }
    });

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final Keyring keyring;
    private final SecureRandom random = new SecureRandom();

    public FieldCipher(Keyring keyring) {
        this.keyring = keyring;
    }

    /** The value encrypted under the active key, or null for null. */
    public String encrypt(String plaintext, String context) {
        return plaintext == null ? null : encrypt(plaintext, context, keyring.activeKey());
    }

    String encrypt(String plaintext, String context, String keyId) {
        byte[] sealed =
                seal(keyId, associatedData(keyId, context), new byte[0], plaintext.getBytes(StandardCharsets.UTF_8));
        return prefixOf(keyId) + ENCODER.encodeToString(sealed);
    }

    /**
     * {@code header}, then a fresh nonce, the ciphertext of {@code input} under {@code keyId} and the
     * tag, with {@code aad} authenticated.
     */
    private byte[] seal(String keyId, byte[] aad, byte[] header, byte[] input) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, keyring.key(keyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] out = new byte[header.length + NONCE_BYTES + cipher.getOutputSize(input.length)];
            System.arraycopy(header, 0, out, 0, header.length);
            System.arraycopy(nonce, 0, out, header.length, NONCE_BYTES);
            cipher.doFinal(input, 0, input.length, out, header.length + NONCE_BYTES);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    /**
     * The plaintext of a stored value (null for null). A value that is not in the encrypted form is
     * returned as it is: rows written before encryption was introduced read until the start-up pass
     * has encrypted them.
     */
    public String decrypt(String stored, String context) {
        if (stored == null || !isEncrypted(stored)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        if (colon < 0) {
            throw new PersonalDataKeyException("A stored value has no key id");
        }
        String keyId = stored.substring(PREFIX.length(), colon);
        byte[] in;
        try {
            in = DECODER.decode(stored.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new PersonalDataKeyException("A stored value (" + context + ") is damaged");
        }
        String value = "A stored value (" + context + ")";
        byte[] plain = open(
                keyId,
                associatedData(keyId, context),
                in,
                0,
                value + " is too short",
                value + " does not authenticate: altered, moved or under another key");
        return new String(plain, StandardCharsets.UTF_8);
    }

    /**
     * The plaintext of the nonce, ciphertext and tag that {@link #seal} wrote into {@code in} from
     * {@code from} on, with {@code aad} authenticated; {@code tooShort} and {@code unauthenticated}
     * say what failed.
     */
    private byte[] open(String keyId, byte[] aad, byte[] in, int from, String tooShort, String unauthenticated) {
        if (in.length < from + NONCE_BYTES + TAG_BITS / 8) {
            throw new PersonalDataKeyException(tooShort);
        }
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, keyring.key(keyId), new GCMParameterSpec(TAG_BITS, in, from, NONCE_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(in, from + NONCE_BYTES, in.length - from - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new PersonalDataKeyException(unauthenticated, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Decryption failed", e);
        }
    }

    /**
     * Bytes encrypted under the active key, for a binary column: {@code g1b:<key id>:} in ASCII, then
     * the nonce, ciphertext and tag as they are (no text encoding in between). The associated data
     * names this form, so bytes of one form never pass for the other.
     */
    public byte[] encryptBytes(byte[] plaintext, String context) {
        String keyId = keyring.activeKey();
        return seal(
                keyId,
                bytesAssociatedData(keyId, context),
                bytesPrefixOf(keyId).getBytes(StandardCharsets.US_ASCII),
                plaintext);
    }

    /** The plaintext of bytes written by {@link #encryptBytes} with the same context. */
    public byte[] decryptBytes(byte[] stored, String context) {
        String keyId = keyIdOfBytes(stored);
        if (keyId == null) {
            throw new PersonalDataKeyException("Stored bytes (" + context + ") are not in the encrypted form");
        }
        String bytes = "Stored bytes (" + context + ")";
        return open(
                keyId,
                bytesAssociatedData(keyId, context),
                stored,
                bytesPrefixOf(keyId).length(),
                bytes + " are too short",
                bytes + " do not authenticate: altered, moved or under another key");
    }

    /** The key id of bytes in the form {@link #encryptBytes} writes, or null for bytes of another form. */
    public static String keyIdOfBytes(byte[] stored) {
        if (stored == null || stored.length < BYTES_PREFIX.length()) {
            return null;
        }
        for (int i = 0; i < BYTES_PREFIX.length(); i++) {
            if (stored[i] != BYTES_PREFIX.charAt(i)) {
                return null;
            }
        }
        int limit = Math.min(stored.length, BYTES_PREFIX.length() + MAX_KEY_ID);
        for (int i = BYTES_PREFIX.length(); i < limit; i++) {
            if (stored[i] == ':') {
                return new String(stored, BYTES_PREFIX.length(), i - BYTES_PREFIX.length(), StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    private static String bytesPrefixOf(String keyId) {
        return BYTES_PREFIX + keyId + ":";
    }

    private static byte[] bytesAssociatedData(String keyId, String context) {
        return (bytesPrefixOf(keyId) + context).getBytes(StandardCharsets.UTF_8);
    }

    /** How a value encrypted with {@code keyId} begins (a query can tell the key from it). */
    public static String prefixOf(String keyId) {
        return PREFIX + keyId + ":";
    }

    /** True when the value is in the encrypted form (whatever its key). */
    public static boolean isEncrypted(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** The id of the key a stored value was encrypted with, or null for plaintext or null. */
    public static String keyIdOf(String stored) {
        if (!isEncrypted(stored)) {
            return null;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        return colon < 0 ? null : stored.substring(PREFIX.length(), colon);
    }

    public String activeKey() {
        return keyring.activeKey();
    }

    private static byte[] associatedData(String keyId, String context) {
        return (prefixOf(keyId) + context).getBytes(StandardCharsets.UTF_8);
    }
}
