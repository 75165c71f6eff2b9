package io.guanxi.shared.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.guanxi.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Handled events are deleted after the retention period, all of them on demand; unhandled ones stay. */
@IntegrationTest
@Tag("postgres")
class CompletedEventsIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CompletedEvents completedEvents;

    private UUID publication(Instant publishedAt, Instant completedAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date,"
                        + " completion_date, status, completion_attempts) VALUES (?, 'it.retention', 'it.RetentionProbe',"
                        + " '{}', ?, ?, ?, 1)")
                .params(
                        id,
                        Timestamp.from(publishedAt),
                        completedAt == null ? null : Timestamp.from(completedAt),
                        completedAt == null ? "PROCESSING" : "COMPLETED")
                .update();
        return id;
    }

    private boolean exists(UUID id) {
        return jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE id = ?")
                        .param(id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Test
    void completedPublicationsGoAfterTheRetentionPeriodAndAllOnDemandButUnhandledOnesStay() {
        Instant now = Instant.now();
        UUID old = publication(now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(8)));
        UUID recent = publication(now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
        UUID unhandled = publication(now.minus(Duration.ofDays(30)), null);
        try {
            completedEvents.deleteOlderThanRetention();
            assertThat(exists(old)).isFalse();
            assertThat(exists(recent)).isTrue();
            assertThat(exists(unhandled)).isTrue();

            completedEvents.deleteAll();
            assertThat(exists(recent)).isFalse();
            assertThat(exists(unhandled)).as("work still to do").isTrue();
        } finally {
            jdbc.sql("DELETE FROM event_publication WHERE listener_id = 'it.retention'")
                    .update();
        }
    }
}
