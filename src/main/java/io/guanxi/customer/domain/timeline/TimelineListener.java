package io.guanxi.customer.domain.timeline;

import io.guanxi.customer.TimelineEntryPublished;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Puts what other modules publish on the timeline, after their transaction commits. The event
 * publication registry keeps the event until this completes, so an entry survives a crash; a
 * replayed event finds its entry there and adds nothing.
 */
@Component
class TimelineListener {

    private final CustomerTimeline timeline;

    TimelineListener(CustomerTimeline timeline) {
        this.timeline = timeline;
    }

    @ApplicationModuleListener
    void on(TimelineEntryPublished entry) {
        timeline.publish(entry);
    }
}
