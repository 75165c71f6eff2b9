package io.guanxi.customer.domain.timeline;

import io.guanxi.customer.TimelineEntry;
import java.util.List;

/** One page of a timeline, newest first; {@code next} continues it (null on the last page). */
public record TimelinePage(List<TimelineEntry> content, int size, String next) {}
