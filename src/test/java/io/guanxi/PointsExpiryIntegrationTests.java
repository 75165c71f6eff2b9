package io.guanxi;

import static org.assertj.core.api.Assertions.assertThat;

import io.guanxi.loyalty.jobs.PointsExpiry;
import io.guanxi.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** The daily points job against the database: expires what is due, once, and warns before expiry, once. */
@IntegrationTest
@Tag("postgres")
class PointsExpiryIntegrationTests {

    @Autowired
    PointsExpiry expiry;

    @Autowired
    JdbcClient jdbc;

    private long customer() {
        return jdbc.sql("SELECT MAX(id) FROM customer").query(Long.class).single() + 1_000_000;
    }

    /** A lot as an earlier purchase left it (inserted directly, since the clock cannot be turned back). */
    private long lot(long customer, long points, Instant earned, Instant expires) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO points_movement (customer_id, type, points, reason, source, actor, occurred_at)"
                        + " VALUES (?, 'EARN', ?, 'PURCHASE', ?, 'test', ?)")
                .params(customer, points, "test:" + customer + ":" + points, Timestamp.from(earned))
                .update(keys, "id");
        long movement = keys.getKey().longValue();
        GeneratedKeyHolder lotKeys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO points_lot (customer_id, movement_id, source, earned, remaining, earned_at, available_at,"
                        + " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        customer,
                        movement,
                        "test:" + customer + ":" + points,
                        points,
                        points,
                        Timestamp.from(earned),
                        Timestamp.from(earned),
                        Timestamp.from(expires))
                .update(lotKeys, "id");
        jdbc.sql("UPDATE points_account SET balance = balance + ? WHERE customer_id = ?")
                .params(points, customer)
                .update();
        return lotKeys.getKey().longValue();
    }

    @Test
    void expiresDueLotsOnceAndWarnsOnceBeforeExpiry() {
        long customer = customer();
        Instant now = Instant.now();
        jdbc.sql("INSERT INTO points_account (customer_id, tier, balance, created_at) VALUES (?, 'STANDARD', 0, ?)")
                .params(customer, Timestamp.from(now))
                .update();
        long due = lot(customer, 70, now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1)));
        long soon = lot(customer, 30, now.minus(Duration.ofDays(300)), now.plus(Duration.ofDays(10)));
        long later = lot(customer, 5, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(300)));

        PointsExpiry.Result first = expiry.run();
        assertThat(first.points()).isGreaterThanOrEqualTo(70);
        assertThat(jdbc.sql("SELECT points FROM points_movement WHERE type = 'EXPIRE' AND source = ?")
                        .param("lot:" + due)
                        .query(Long.class)
                        .single())
                .isEqualTo(-70);
        assertThat(remaining(due)).isZero();
        assertThat(remaining(soon)).isEqualTo(30);
        assertThat(jdbc.sql("SELECT balance FROM points_account WHERE customer_id = ?")
                        .param(customer)
                        .query(Long.class)
                        .single())
                .isEqualTo(35)
                .isEqualTo(jdbc.sql("SELECT SUM(points) FROM points_movement WHERE customer_id = ?")
                        .param(customer)
                        .query(Long.class)
                        .single());
        assertThat(warned(soon)).isTrue();
        assertThat(warned(later)).isFalse();

        expiry.run();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM points_movement WHERE customer_id = ? AND type = 'EXPIRE'")
                        .param(customer)
                        .query(Long.class)
                        .single())
                .as("a second run expires nothing twice")
                .isEqualTo(1);
    }

    private long remaining(long lot) {
        return jdbc.sql("SELECT remaining FROM points_lot WHERE id = ?")
                .param(lot)
                .query(Long.class)
                .single();
    }

    private boolean warned(long lot) {
        return jdbc.sql("SELECT warned_at IS NOT NULL FROM points_lot WHERE id = ?")
                .param(lot)
                .query(Boolean.class)
                .single();
    }
}
