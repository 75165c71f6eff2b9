package io.guanxi.shared.crypto;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The configured keys: encryption keys and blind-index keys, each by id, and which one of each
 * writes. Built once at start-up; a misconfiguration fails there with a message naming the property.
 */
public final class Keyring {

    static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final Map<String, SecretKey> keys;
    private final String activeKey;
    private final Map<String, SecretKey> indexKeys;
    private final String activeIndexKey;

    private Keyring(
            Map<String, SecretKey> keys, String activeKey, Map<String, SecretKey> indexKeys, String activeIndexKey) {
        this.keys = keys;
        this.activeKey = activeKey;
        this.indexKeys = indexKeys;
        this.activeIndexKey = activeIndexKey;
    }

    /** The keyring described by the properties; fails with the property at fault. */
    public static Keyring of(PrivacyProperties p) {
        Map<String, SecretKey> keys = decode("guanxi.privacy.keys", p.keys(), "AES");
        Map<String, SecretKey> indexKeys = decode("guanxi.privacy.index-keys", p.indexKeys(), "HmacSHA256");
        require("guanxi.privacy.active-key", p.activeKey(), keys, "guanxi.privacy.keys");
        require("guanxi.privacy.active-index-key", p.activeIndexKey(), indexKeys, "guanxi.privacy.index-keys");
        return new Keyring(keys, p.activeKey(), indexKeys, p.activeIndexKey());
    }

    private static Map<String, SecretKey> decode(String property, Map<String, String> encoded, String algorithm) {
        if (encoded.isEmpty()) {
            throw new IllegalStateException(property + ".<id> is not set: give at least one key (the base64 of 32"
                    + " random bytes, e.g. from `openssl rand -base64 32`); see docs/privacy.md");
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        encoded.forEach((id, value) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalStateException(
                        property + "." + id + ": a key id is 1 to 32 letters, digits, '-' or '_'");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(value.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(property + "." + id + " is not base64");
            }
            if (bytes.length != 32) {
                throw new IllegalStateException(
                        property + "." + id + " must be 32 bytes (256 bits), not " + bytes.length);
            }
            keys.put(id, new SecretKeySpec(bytes, algorithm));
        });
        return Collections.unmodifiableMap(keys);
    }

    private static void require(String property, String id, Map<String, SecretKey> keys, String listProperty) {
        if (id == null || id.isBlank()) {
            throw new IllegalStateException(
                    property + " is not set: name one of " + listProperty + " " + keys.keySet());
        }
        if (!keys.containsKey(id)) {
            throw new IllegalStateException(
                    property + "=" + id + " is not one of " + listProperty + " " + keys.keySet());
        }
    }

    public String activeKey() {
        return activeKey;
    }

    public String activeIndexKey() {
        return activeIndexKey;
    }

    public Set<String> keyIds() {
        return keys.keySet();
    }

    public Set<String> indexKeyIds() {
        return indexKeys.keySet();
    }

    SecretKey key(String id) {
        SecretKey key = keys.get(id);
        if (key == null) {
            throw new PersonalDataKeyException("No key with id '" + id + "' is configured (guanxi.privacy.keys." + id
                    + "); it is still needed to read values encrypted with it");
        }
        return key;
    }

    SecretKey indexKey(String id) {
        SecretKey key = indexKeys.get(id);
        if (key == null) {
            throw new PersonalDataKeyException("No index key with id '" + id + "' is configured");
        }
        return key;
    }
}
