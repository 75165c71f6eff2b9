package io.guanxi.shared.jobs;

import java.time.Duration;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Completed event publications — Spring Modulith's record of each event a listener has handled,
 * with the event as JSON — are kept for a while to look into what happened
 * ({@code guanxi.events.completed-retention}, 7 days unless configured) and then deleted, daily and
 * once across instances: an event can carry personal data (a timeline entry's text) that must not
 * outlive its purpose. An erasure deletes them all at once ({@link #deleteAll}). Publications not
 * completed yet stay: they are work still to be done.
 */
@Component
public class CompletedEvents {

    static final String JOB = "events.completed-retention";

    private final CompletedEventPublications completed;
    private final JobRuns runs;
    private final Duration keep;

    CompletedEvents(
            CompletedEventPublications completed,
            JobRuns runs,
            @Value("${guanxi.events.completed-retention:P7D}") Duration keep) {
        this.completed = completed;
        this.runs = runs;
        this.keep = keep;
    }

    @Scheduled(cron = "${guanxi.events.completed-retention-cron:0 45 3 * * *}")
    @SchedulerLock(name = JOB, lockAtLeastFor = "PT0.5S", lockAtMostFor = "PT30M")
    void purge() {
        runs.run(JOB, () -> {
            deleteOlderThanRetention();
            return "completed before " + keep + " ago deleted";
        });
    }

    /** Deletes the publications completed longer ago than the retention period. */
    void deleteOlderThanRetention() {
        completed.deletePublicationsOlderThan(keep);
    }

    /** Deletes every completed publication (an erasure: whatever they say about the person goes). */
    public void deleteAll() {
        completed.deletePublicationsOlderThan(Duration.ZERO);
    }
}
