package io.guanxi.customer;

import java.time.Instant;
import java.util.List;

/**
 * Entries that another module keeps in its own records and shows on customers' timelines as they are,
 * instead of publishing a copy of each (orders: a bulk import of millions of orders would otherwise
 * write every one twice). The timeline reads each source alongside its own entries and merges them
 * newest first. A source keeps its records with the customer they belong to now, merges included.
 */
public interface TimelineSource {

    /** The name that tells this source's entries apart in a timeline position, e.g. {@code order}. */
    String name();

    /** The timeline type of every entry of this source, e.g. {@code ORDER}. */
    String type();

    /**
     * The customer's entries newest first (by occurrence, then id, both descending), at most
     * {@code limit}; with a position, only those strictly before ({@code occurredAt}, {@code id}).
     */
    List<TimelineEntry> entries(long customerId, Position before, int limit);

    /** Whether the customer has any entry of this source. */
    boolean any(long customerId);

    /** A place in a source's order: entries before it occurred earlier, or at the same instant with a smaller id. */
    record Position(Instant occurredAt, long id) {}
}
