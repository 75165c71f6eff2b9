package io.guanxi.identity.domain;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** API tokens, stored only as SHA-256 hashes. */
@Repository
public class ApiTokenRepository {

    private final JdbcClient jdbc;

    ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(long userId, String tokenHash, Instant createdAt, Instant expiresAt, String remoteAddr) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO api_token (user_id, token_hash, created_at, expires_at, remote_addr)"
                        + " VALUES (?,?,?,?,?)")
                .params(userId, tokenHash, Timestamp.from(createdAt), Timestamp.from(expiresAt), remoteAddr)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** The user of a token that is neither expired nor revoked, and whose user is enabled. */
    public Optional<ActiveToken> findActive(String tokenHash, Instant now) {
        return jdbc.sql("SELECT t.id, t.user_id, t.last_used_at FROM api_token t JOIN app_user u ON u.id = t.user_id"
                        + " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND u.enabled")
                .params(tokenHash, Timestamp.from(now))
                .query((rs, i) -> new ActiveToken(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
                .optional();
    }

    public void touch(long tokenId, Instant now) {
        jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE id = ?")
                .params(Timestamp.from(now), tokenId)
                .update();
    }

    public Optional<TokenRow> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = ?")
                .param(id)
                .query(ApiTokenRepository::map)
                .optional();
    }

    public static final java.util.Map<String, String> SORT_COLUMNS =
            java.util.Map.of("createdAt", "created_at", "expiresAt", "expires_at");

    public io.guanxi.shared.paging.PageResult<TokenRow> forUser(long userId, io.guanxi.shared.paging.PageQuery page) {
        long total = jdbc.sql("SELECT COUNT(*) FROM api_token WHERE user_id = ?")
                .param(userId)
                .query(Long.class)
                .single();
        List<TokenRow> rows = jdbc.sql(SELECT + " WHERE user_id = ?" + page.orderBy(SORT_COLUMNS, "id DESC"))
                .param(userId)
                .query(ApiTokenRepository::map)
                .list();
        return io.guanxi.shared.paging.PageResult.of(rows, page, total);
    }

    public boolean revoke(long id, long revokedBy, Instant now) {
        return jdbc.sql("UPDATE api_token SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL")
                        .params(Timestamp.from(now), revokedBy, id)
                        .update()
                == 1;
    }

    public int revokeAllOf(long userId, long revokedBy, Instant now) {
        return jdbc.sql("UPDATE api_token SET revoked_at = ?, revoked_by = ? WHERE user_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(now), revokedBy, userId)
                .update();
    }

    public int deleteExpiredBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM api_token WHERE expires_at < ? OR revoked_at < ?")
                .params(Timestamp.from(cutoff), Timestamp.from(cutoff))
                .update();
    }

    private static final String SELECT =
            "SELECT id, user_id, created_at, expires_at, revoked_at, last_used_at, remote_addr FROM api_token";

    private static TokenRow map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new TokenRow(
                rs.getLong("id"),
                rs.getLong("user_id"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(),
                rs.getTimestamp("revoked_at") == null
                        ? null
                        : rs.getTimestamp("revoked_at").toInstant(),
                rs.getTimestamp("last_used_at") == null
                        ? null
                        : rs.getTimestamp("last_used_at").toInstant(),
                rs.getString("remote_addr"));
    }

    /** A token that authenticates its user. */
    public record ActiveToken(long id, long userId, Instant lastUsedAt) {}

    /** A token as its owner or an admin sees it (never the secret). */
    public record TokenRow(
            long id,
            long userId,
            Instant createdAt,
            Instant expiresAt,
            Instant revokedAt,
            Instant lastUsedAt,
            String remoteAddr) {

        public boolean active(Instant now) {
            return revokedAt == null && expiresAt.isAfter(now);
        }
    }
}
