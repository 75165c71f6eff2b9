package io.guanxi.customer.web;

import io.guanxi.customer.domain.timeline.CustomerTimeline;
import io.guanxi.customer.domain.timeline.TimelinePage;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
        model.addAttribute("selectedTypes", selected(types));
        model.addAttribute("noteKinds", CustomerTimeline.NoteKind.values());
    }

    private static List<String> selected(List<String> types) {
        return types == null
                ? List.of()
                : types.stream()
                        .flatMap(t -> Arrays.stream(t.split(",")))
                        .map(t -> t.strip().toUpperCase(Locale.ROOT))
                        .filter(t -> !t.isEmpty())
                        .toList();
    }
}
