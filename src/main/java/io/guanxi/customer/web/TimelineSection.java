package io.guanxi.customer.web;

import io.guanxi.customer.domain.timeline.CustomerTimeline;
import io.guanxi.customer.domain.timeline.TimelinePage;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** What the timeline section of the customer page shows (templates/customer/timeline.html). */
@Component
class TimelineSection {

    private final CustomerTimeline timeline;

    TimelineSection(CustomerTimeline timeline) {
        this.timeline = timeline;
    }

    /** One page of entries; with the types for the filter chips when the whole section is drawn. */
    void addTo(Model model, long customerId, List<String> types, String before, boolean withCounts) {
        TimelinePage page = timeline.page(customerId, types, before, CustomerTimeline.DEFAULT_SIZE);
        model.addAttribute("customerId", customerId);
        model.addAttribute("timeline", page);
        if (withCounts) {
            model.addAttribute("timelineTypes", timeline.typesOf(customerId));
        }
        model.addAttribute("selectedTypes", List.copyOf(CustomerTimeline.types(types))); // checked by page() above
        model.addAttribute("noteKinds", CustomerTimeline.NoteKind.values());
    }
}
