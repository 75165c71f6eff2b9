package io.guanxi.shared.crypto;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The keyring from {@code guanxi.privacy.*}. With nothing configured, on the embedded database only
 * (the zero-setup mode), development keys are generated once into {@code ./data} next to the database
 * and reused; anywhere else a missing key stops the start with a message saying what to set.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PrivacyProperties.class)
class CryptoConfig {

    private static final Logger log = LoggerFactory.getLogger(CryptoConfig.class);

    @Bean
    Keyring keyring(PrivacyProperties properties, Environment environment) {
        if (!properties.unconfigured()) {
            return Keyring.of(properties);
        }
        String url = environment.getProperty("spring.datasource.url", "");
        if (environment.acceptsProfiles(Profiles.of("postgres")) || !url.startsWith("jdbc:h2:")) {
            throw new IllegalStateException("Personal data keys are not configured. Set guanxi.privacy.keys.<id>,"
                    + " guanxi.privacy.active-key, guanxi.privacy.index-keys.<id> and"
                    + " guanxi.privacy.active-index-key (each key the base64 of 32 random bytes:"
                    + " `openssl rand -base64 32`); see docs/privacy.md");
        }
        return Keyring.of(developmentKeys(Path.of(properties.devKeyFile())));
    }

    @Bean
    FieldCipher fieldCipher(Keyring keyring) {
        return new FieldCipher(keyring);
    }

    @Bean
    BlindIndex blindIndex(Keyring keyring) {
        return new BlindIndex(keyring);
    }

    /** Reads the development key file, writing it first when it does not exist. */
    static PrivacyProperties developmentKeys(Path file) {
        try {
            if (!Files.exists(file)) {
                Properties generated = new Properties();
                generated.setProperty("key.dev1", randomKey());
                generated.setProperty("index-key.dev1", randomKey());
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    generated.store(
                            out,
                            "Guanxi development keys for personal data. Not for production:"
                                    + " configure guanxi.privacy.* instead (docs/privacy.md). Losing this file loses the data.");
                }
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system
                }
                log.warn(
                        "No guanxi.privacy keys configured: generated development keys in {} (embedded database"
                                + " only; keep that file with the database, configure real keys for production)",
                        file.toAbsolutePath());
            } else {
                log.warn("No guanxi.privacy keys configured: using the development keys in {}", file.toAbsolutePath());
            }
            Properties stored = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                stored.load(in);
            }
            String key = stored.getProperty("key.dev1");
            String indexKey = stored.getProperty("index-key.dev1");
            if (key == null || indexKey == null) {
                throw new IllegalStateException(file + " does not hold key.dev1 and index-key.dev1");
            }
            return new PrivacyProperties(
                    Map.of("dev1", key), "dev1", Map.of("dev1", indexKey), "dev1", file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or write the development keys in " + file, e);
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String encoded = Base64.getEncoder().encodeToString(key);
        Arrays.fill(key, (byte) 0);
        return encoded;
    }
}
