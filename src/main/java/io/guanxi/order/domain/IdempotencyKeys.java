package io.guanxi.order.domain;

import io.guanxi.shared.ConflictException;
import io.guanxi.shared.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Idempotency-Key handling. A request claims its key in its own transaction before creating
 * anything; the primary key makes a concurrent request with the same key wait for the first to
 * commit (PostgreSQL) and then find its result. A key used with another request body is refused.
 */
@Repository
public class IdempotencyKeys {

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the key for this request. Empty when the key is new (the caller goes on and calls
     * {@link #complete}); otherwise the id of what the first request with this key created.
     */
    public Optional<Long> claim(String scope, String key, String requestHash, Instant now) {
        if (key.isBlank() || key.length() > 200) {
            throw InvalidRequestException.forField("Idempotency-Key", "must be 1 to 200 characters");
        }
        int inserted = jdbc.sql("INSERT INTO idempotency_key (scope, idem_key, request_hash, created_at)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(scope, key, requestHash, Timestamp.from(now))
                .update();
        if (inserted == 1) {
            return Optional.empty();
        }
        record Stored(String requestHash, Long resourceId) {}
        Stored stored = jdbc.sql(
                        "SELECT request_hash, resource_id FROM idempotency_key WHERE scope = ? AND idem_key = ?")
                .params(scope, key)
                .query((rs, n) -> new Stored(rs.getString(1), (Long) rs.getObject(2, Long.class)))
                .single();
        if (!stored.requestHash().equals(requestHash)) {
            throw new IdempotencyKeyReusedException(key);
        }
        if (stored.resourceId() == null) {
            throw ConflictException.because("A request with this Idempotency-Key is still in progress");
        }
        return Optional.of(stored.resourceId());
    }

    /** What a completed request with this key created, if any. */
    public Optional<Long> resourceOf(String scope, String key) {
        return jdbc.sql("SELECT resource_id FROM idempotency_key WHERE scope = ? AND idem_key = ?"
                        + " AND resource_id IS NOT NULL")
                .params(scope, key)
                .query(Long.class)
                .optional();
    }

    public void complete(String scope, String key, long resourceId) {
        jdbc.sql("UPDATE idempotency_key SET resource_id = ? WHERE scope = ? AND idem_key = ?")
                .params(resourceId, scope, key)
                .update();
    }

    public static String hash(String canonicalRequest) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(canonicalRequest.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
