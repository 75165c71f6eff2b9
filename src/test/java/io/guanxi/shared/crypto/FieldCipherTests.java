package io.guanxi.shared.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldCipherTests {

    static final String KEY_A = "POOeL8vvq4Lgg/HJJxxrZFprCDIwuE+7M5hvJKxsl0o=";
    static final String KEY_B = "pOPFhec5S54ogJXeqEacJyAJVvaWBaa+aSvp/W2jqBs=";
    static final String INDEX_1 = "+xTJczYSr08iiE6XfS4HWu41F4LWBmdudQeebIk6/rE=";
    static final String INDEX_2 = "U69i3ZRBw3bXwChEcC4WvmNVuDY7r5DeyJt5nvWEQZw=";

    static Keyring keys(Map<String, String> keys, String active) {
        return Keyring.of(new PrivacyProperties(keys, active, Map.of("i1", INDEX_1), "i1", null));
    }

    final FieldCipher underA = new FieldCipher(keys(Map.of("a", KEY_A), "a"));

    @Test
    void roundTripsTextWithTheKeyIdInTheStoredForm() {
        String stored = underA.encrypt("+8613812345678", "customer.phone");
        assertThat(stored).startsWith("g1:a:").doesNotContain("13812345678").doesNotContain("5678");
        assertThat(FieldCipher.keyIdOf(stored)).isEqualTo("a");
        assertThat(underA.decrypt(stored, "customer.phone")).isEqualTo("+8613812345678");
        assertThat(underA.decrypt(underA.encrypt("浙江省杭州市文三路100号", "customer.street"), "customer.street"))
                .isEqualTo("浙江省杭州市文三路100号");
        assertThat(underA.encrypt(null, "customer.phone")).isNull();
        assertThat(underA.decrypt(null, "customer.phone")).isNull();
    }

    @Test
    void roundTripsBytesWithTheKeyIdInAnAsciiHeaderAndNoTextInBetween() {
        byte[] plain = new byte[100_000];
        new java.util.Random(3).nextBytes(plain);
        byte[] stored = underA.encryptBytes(plain, "import_file_chunk.data:1:0");
        assertThat(new String(stored, 0, 6, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("g1b:a:");
        assertThat(stored).hasSize(6 + 12 + plain.length + 16);
        assertThat(FieldCipher.keyIdOfBytes(stored)).isEqualTo("a");
        assertThat(underA.decryptBytes(stored, "import_file_chunk.data:1:0")).isEqualTo(plain);
        assertThat(underA.decryptBytes(underA.encryptBytes(new byte[0], "c"), "c"))
                .isEmpty();
    }

    @Test
    void bytesFailToDecryptWhenAlteredMovedOrInTheTextForm() {
        byte[] stored = underA.encryptBytes(
                "会员号,手机\nM-1,13812345678\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), "f:1:0");
        byte[] altered = stored.clone();
        altered[altered.length - 20] ^= 1;
        assertThatThrownBy(() -> underA.decryptBytes(altered, "f:1:0"))
                .isInstanceOf(PersonalDataKeyException.class)
                .hasMessageContaining("do not authenticate");
        assertThatThrownBy(() -> underA.decryptBytes(stored, "f:1:1"))
                .isInstanceOf(PersonalDataKeyException.class)
                .hasMessageContaining("do not authenticate");
        // text-form values are not bytes-form values, and a text value's key id does not name bytes
        byte[] text = underA.encrypt("x", "f:1:0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(FieldCipher.keyIdOfBytes(text)).isNull();
        assertThatThrownBy(() -> underA.decryptBytes(text, "f:1:0")).isInstanceOf(PersonalDataKeyException.class);
        assertThatThrownBy(() -> underA.decryptBytes(
                        "g1b:a:short".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "f:1:0"))
                .isInstanceOf(PersonalDataKeyException.class)
                .hasMessageContaining("too short");
    }

    @Test
    void sameValueEncryptsDifferentlyEachTime() {
        assertThat(underA.encrypt("a@example.com", "customer.email"))
                .isNotEqualTo(underA.encrypt("a@example.com", "customer.email"));
    }

    @Test
    void alteredCiphertextFailsToDecrypt() {
        String stored = underA.encrypt("+8613812345678", "customer.phone");
        byte[] raw = Base64.getUrlDecoder().decode(stored.substring("g1:a:".length()));
        raw[raw.length - 20] ^= 1; // one bit of the ciphertext
        String tampered = "g1:a:" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertThatThrownBy(() -> underA.decrypt(tampered, "customer.phone"))
                .isInstanceOf(PersonalDataKeyException.class)
                .hasMessageContaining("does not authenticate");
        assertThatThrownBy(() -> underA.decrypt("g1:a:AAAA", "customer.phone"))
                .isInstanceOf(PersonalDataKeyException.class);
    }

    @Test
    void valueMovedToAnotherColumnFailsToDecrypt() {
        String phone = underA.encrypt("+8613812345678", "customer.phone");
        assertThatThrownBy(() -> underA.decrypt(phone, "customer.id_number"))
                .isInstanceOf(PersonalDataKeyException.class);
    }

    @Test
    void wrongOrMissingKeyIdFails() {
        FieldCipher both = new FieldCipher(keys(Map.of("a", KEY_A, "b", KEY_B), "b"));
        String stored = underA.encrypt("+8613812345678", "customer.phone");
        // relabelled as key b: b cannot open it, and the key id is authenticated anyway
        assertThatThrownBy(() -> both.decrypt(stored.replace("g1:a:", "g1:b:"), "customer.phone"))
                .isInstanceOf(PersonalDataKeyException.class);
        String underB = both.encrypt("+8613812345678", "customer.phone");
        assertThat(FieldCipher.keyIdOf(underB)).isEqualTo("b");
        assertThatThrownBy(() -> underA.decrypt(underB, "customer.phone"))
                .isInstanceOf(PersonalDataKeyException.class)
                .hasMessageContaining("'b'");
        // an old key kept in the keyring still reads what it wrote
        assertThat(both.decrypt(stored, "customer.phone")).isEqualTo("+8613812345678");
    }

    @Test
    void plaintextFromBeforeEncryptionReadsAsItIs() {
        assertThat(FieldCipher.isEncrypted("+8613812345678")).isFalse();
        assertThat(underA.decrypt("+8613812345678", "customer.phone")).isEqualTo("+8613812345678");
        assertThat(FieldCipher.keyIdOf("+8613812345678")).isNull();
    }

    @Test
    void keyringRejectsBadConfigurationNamingTheProperty() {
        assertThatThrownBy(() -> keys(Map.of("a", "c2hvcnQ="), "a"))
                .hasMessageContaining("guanxi.privacy.keys.a must be 32 bytes");
        assertThatThrownBy(() -> keys(Map.of("a", KEY_A), "b")).hasMessageContaining("guanxi.privacy.active-key=b");
        assertThatThrownBy(() -> keys(Map.of(), null)).hasMessageContaining("guanxi.privacy.keys.<id> is not set");
        assertThatThrownBy(() -> keys(Map.of("a:b", KEY_A), "a:b")).hasMessageContaining("key id");
        assertThatThrownBy(() -> Keyring.of(new PrivacyProperties(Map.of("a", KEY_A), "a", Map.of(), null, null)))
                .hasMessageContaining("guanxi.privacy.index-keys");
    }

    @Test
    void blindIndexIsStablePerKeyAndPurpose() {
        Keyring one = Keyring.of(new PrivacyProperties(Map.of("a", KEY_A), "a", Map.of("i1", INDEX_1), "i1", null));
        Keyring two = Keyring.of(
                new PrivacyProperties(Map.of("a", KEY_A), "a", Map.of("i1", INDEX_1, "i2", INDEX_2), "i2", null));
        BlindIndex first = new BlindIndex(one);
        BlindIndex second = new BlindIndex(two);
        String hash = first.hash("phone", "+8613812345678");
        assertThat(hash).hasSize(22).isEqualTo(first.hash("phone", "+8613812345678"));
        assertThat(first.hash("phone", "+8613812345679")).isNotEqualTo(hash);
        assertThat(first.hash("email", "+8613812345678")).isNotEqualTo(hash);
        assertThat(second.hash("phone", "+8613812345678")).isNotEqualTo(hash); // active key i2
        assertThat(second.lookupHashes("phone", "+8613812345678"))
                .containsExactlyInAnyOrder(hash, second.hash("phone", "+8613812345678"));
        assertThat(first.hash("phone", null)).isNull();
    }

    @Test
    void developmentKeysAreGeneratedOnceAndReused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/privacy-keys.properties");
        PrivacyProperties generated = CryptoConfig.developmentKeys(file);
        assertThat(file).exists();
        PrivacyProperties again = CryptoConfig.developmentKeys(file);
        assertThat(again.keys()).isEqualTo(generated.keys());
        assertThat(Base64.getDecoder().decode(generated.keys().get("dev1"))).hasSize(32);
        FieldCipher cipher = new FieldCipher(Keyring.of(generated));
        assertThat(new FieldCipher(Keyring.of(again)).decrypt(cipher.encrypt("x@y.cn", "c"), "c"))
                .isEqualTo("x@y.cn");
        assertThat(Files.readString(file)).contains("Not for production");
    }
}
