package io.guanxi.shared.crypto;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys for personal data at rest ({@code guanxi.privacy.*}). Every key is the base64 of 32 random
 * bytes ({@code openssl rand -base64 32}); ids are 1 to 32 letters, digits, {@code -} or {@code _}.
 *
 * @param keys encryption keys (AES-256-GCM) by id; old keys stay listed until no row uses them
 * @param activeKey the id of the key new values are encrypted with
 * @param indexKeys keys of the blind index (HMAC-SHA256 over normalised values) by id
 * @param activeIndexKey the id of the index key new hashes are computed with
 * @param devKeyFile where development keys are generated and kept when none are configured and the
 *     application runs on its embedded database (never used with PostgreSQL)
 */
@ConfigurationProperties("guanxi.privacy")
public record PrivacyProperties(
        Map<String, String> keys,
        String activeKey,
        Map<String, String> indexKeys,
        String activeIndexKey,
        String devKeyFile) {

    public PrivacyProperties {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
        indexKeys = indexKeys == null ? Map.of() : Map.copyOf(indexKeys);
        devKeyFile = devKeyFile == null || devKeyFile.isBlank() ? "./data/privacy-keys.properties" : devKeyFile;
    }

    /** True when nothing at all is configured (the zero-setup case). */
    boolean unconfigured() {
        return keys.isEmpty() && indexKeys.isEmpty() && blank(activeKey) && blank(activeIndexKey);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
