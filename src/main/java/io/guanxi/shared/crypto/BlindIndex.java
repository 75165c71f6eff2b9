package io.guanxi.shared.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;

/**
 * Keyed hashes of normalised values (HMAC-SHA256 truncated to 128 bits, base64url: 22 characters)
 * that let the database find equal values without holding them: exact lookup, import match keys and
 * duplicate checks compare hashes. A purpose ({@code phone}, {@code email} ...) separates the
 * domains, so an email never meets a phone number. Without the index key the hashes cannot be
 * tested against guesses, which a plain hash of a phone number could in seconds.
 */
public final class BlindIndex {

    private static final int BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final Keyring keyring;
    private final ThreadLocal<Map<String, Mac>> macs = ThreadLocal.withInitial(HashMap::new);

    public BlindIndex(Keyring keyring) {
        this.keyring = keyring;
    }

    /** The hash under the active index key, or null for null. */
    public String hash(String purpose, String normalised) {
        return normalised == null ? null : hash(purpose, normalised, keyring.activeIndexKey());
    }

    /**
     * The hashes of a value under every configured index key: what a lookup compares with while rows
     * are being moved from one index key to the next.
     */
    public List<String> lookupHashes(String purpose, String normalised) {
        List<String> hashes = new ArrayList<>(keyring.indexKeyIds().size());
        for (String id : keyring.indexKeyIds()) {
            hashes.add(hash(purpose, normalised, id));
        }
        return hashes;
    }

    public String activeIndexKey() {
        return keyring.activeIndexKey();
    }

    String hash(String purpose, String normalised, String keyId) {
        Mac mac = macs.get().computeIfAbsent(keyId, id -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(keyring.indexKey(id));
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
            }
        });
        mac.update(purpose.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        byte[] digest = mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8));
        return ENCODER.encodeToString(java.util.Arrays.copyOf(digest, BYTES));
    }
}
