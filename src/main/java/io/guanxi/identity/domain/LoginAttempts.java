package io.guanxi.identity.domain;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sign-in attempts, kept in the database so throttling holds across instances. */
@Repository
public class LoginAttempts {

    private final JdbcClient jdbc;

    LoginAttempts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String username, String remoteAddr, boolean success, Instant at) {
        jdbc.sql("INSERT INTO login_attempt (username, remote_addr, attempted_at, success) VALUES (?,?,?,?)")
                .params(normalise(username), remoteAddr, Timestamp.from(at), success)
                .update();
    }

    /** Failures for the username since {@code since} that came after its last successful sign-in. */
    public long failuresSince(String username, Instant since) {
        String name = normalise(username);
        return jdbc.sql(
                        "SELECT COUNT(*) FROM login_attempt WHERE username = :u AND NOT success AND attempted_at > :since"
                                + " AND attempted_at > COALESCE((SELECT MAX(attempted_at) FROM login_attempt"
                                + " WHERE username = :u AND success), :since)")
                .param("u", name)
                .param("since", Timestamp.from(since))
                .query(Long.class)
                .single();
    }

    public int deleteBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM login_attempt WHERE attempted_at < ?")
                .param(Timestamp.from(cutoff))
                .update();
    }

    private static String normalise(String username) {
        String name = username == null ? "" : username.trim().toLowerCase();
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}
