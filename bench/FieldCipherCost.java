import io.guanxi.shared.crypto.BlindIndex;
import io.guanxi.shared.crypto.FieldCipher;
import io.guanxi.shared.crypto.Keyring;
import io.guanxi.shared.crypto.PrivacyProperties;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;

/**
 * CPU time of the personal-data crypto per customer row, on this thread (so a busy machine does not
 * inflate it): writing = 4 AES-GCM encryptions + 3 HMACs, reading = 1 decryption. Run by
 * bench/field-cipher.sh.
 */
public class FieldCipherCost {
    public static void main(String[] args) {
        Keyring keys = Keyring.of(new PrivacyProperties(
                Map.of("a", "qDXHPa9RLcVxyf1fG8PwvKLo8yNPBvWfqM7HcvxIwEY="), "a",
                Map.of("i", "Vb1Ju4Ox+0nC3Jc1ykVZQ3nyJYdwGJ6BjrGVq46ttEM="), "i", null));
        FieldCipher cipher = new FieldCipher(keys);
        BlindIndex index = new BlindIndex(keys);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int n = 500_000;
        long sink = 0;
        for (int round = 1; round <= 5; round++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                String phone = "+86138" + (10_000_000 + i);
                String email = "m" + i + "@example.com";
                String id = "11010519491231" + (1000 + i % 9000);
                sink += cipher.encrypt(phone, "customer.phone").length()
                        + cipher.encrypt(email, "customer.email").length()
                        + cipher.encrypt(id, "customer.id_number").length()
                        + cipher.encrypt("文三路" + i + "号", "customer.street").length()
                        + index.hash("phone", phone).length()
                        + index.hash("email", email).length()
                        + index.hash("id_number", id).length();
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            String stored = cipher.encrypt("+8613812345678", "customer.phone");
            for (int i = 0; i < n; i++) {
                sink += cipher.decrypt(stored, "customer.phone").length();
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            System.out.printf(
                    "round %d: write %.2f us CPU per row (4 encryptions + 3 hashes), read %.2f us CPU per field%n",
                    round, (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n);
        }
        System.out.println(sink > 0 ? "" : "?");
    }
}
