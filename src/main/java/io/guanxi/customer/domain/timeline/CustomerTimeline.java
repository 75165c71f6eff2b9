package io.guanxi.customer.domain.timeline;

import io.guanxi.customer.TimelineEntry;
import io.guanxi.customer.TimelineEntryPublished;
import io.guanxi.customer.TimelineSource;
import io.guanxi.customer.domain.CustomerPool;
import io.guanxi.shared.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's timeline (客户360): entries from every module, the customer module's own happenings
 * (created, changed, owners, merges) and notes that staff write. Reading is keyset paging, newest
 * first, optionally of some types only. Callers check the data scope before they read or write.
 */
@Service
@Transactional
public class CustomerTimeline {

    /** The source module of what the customer module itself writes. */
    public static final String SOURCE = "customer";

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;
    private static final int MAX_TYPES = 20;
    private static final List<String> COMMON_TYPES = List.of(
            "ORDER",
            "POINTS",
            "COUPON",
            "TIER",
            "SERVICE",
            "VISIT",
            "CALL",
            "MESSAGE",
            "TICKET",
            "SURVEY",
            "CAMPAIGN",
            "NOTE",
            "PROFILE",
            "OWNER",
            "MERGE");

    private static final Logger log = LoggerFactory.getLogger(CustomerTimeline.class);

    private final TimelineStore store;
    private final TimelineBulkWriter bulkWriter;
    private final CustomerPool pool;
    private final Clock clock;
    /** The other modules' sources by name: their rank among entries at the same instant (stored ones are 0). */
    private final List<TimelineSource> sources;

    CustomerTimeline(
            TimelineStore store,
            TimelineBulkWriter bulkWriter,
            CustomerPool pool,
            Clock clock,
            ObjectProvider<TimelineSource> sources) {
        this.pool = pool;
        this.store = store;
        this.bulkWriter = bulkWriter;
        this.clock = clock;
        this.sources = sources.stream()
                .sorted(Comparator.comparing(TimelineSource::name))
                .toList();
    }

    /** An entry from another module; false when it was already there or the customer does not exist. */
    public boolean publish(TimelineEntryPublished entry) {
        var survivor = store.survivorOf(entry.customerId());
        if (survivor.isEmpty()) {
            log.warn(
                    "Timeline entry {}/{} names no customer ({}); dropped",
                    entry.sourceModule(),
                    entry.sourceRef(),
                    entry.customerId());
            return false;
        }
        return store.insert(survivor.get(), entry.customerId(), TimelineRow.of(entry), clock.instant());
    }

    /** Many entries through the bulk path; returns how many were new. */
    public long publishAll(Iterator<TimelineEntryPublished> entries) {
        return bulkWriter.write(entries);
    }

    /**
     * Something the customer module did, now. {@code title} is a code that pages translate (e.g.
     * {@code CUSTOMER_CREATED}); {@code detail} is shown as it is.
     */
    public void record(long customerId, String type, String title, String detail, String actor) {
        Instant now = clock.instant();
        store.insert(
                customerId,
                customerId,
                new TimelineRow(
                        type,
                        now,
                        title,
                        TimelineRow.cut(detail, 2000),
                        SOURCE,
                        title.toLowerCase() + ":" + UUID.randomUUID(),
                        actor),
                now);
    }

    /** A note, call or visit that a member of staff logs by hand. */
    public TimelineEntry addNote(long customerId, NoteKind kind, String text, Instant occurredAt, String actor) {
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            throw InvalidRequestException.forField("text", "must not be blank");
        }
        if (body.length() > 2000) {
            throw InvalidRequestException.forField("text", "at most 2000 characters");
        }
        Instant now = clock.instant();
        Instant at = occurredAt == null ? now : occurredAt;
        if (at.isAfter(now.plusSeconds(60))) {
            throw InvalidRequestException.forField("occurredAt", "must not be in the future");
        }
        String firstLine = body.lines().findFirst().orElse(body);
        long id = store.insertNew(
                customerId,
                new TimelineRow(
                        kind.name(),
                        at,
                        TimelineRow.cut(firstLine, 80),
                        body.equals(firstLine) && body.length() <= 80 ? null : body,
                        SOURCE,
                        "note:" + UUID.randomUUID(),
                        actor),
                now);
        pool.followedUp(customerId, at); // a logged call, visit or note is the owner's follow-up
        return store.find(id).orElseThrow();
    }

    /** What staff may log by hand. */
    public enum NoteKind {
        NOTE,
        CALL,
        VISIT
    }

    /**
     * A page of the timeline, newest first, before the cursor, of the given types (all when none): the
     * stored entries and those of every {@link TimelineSource}, each read as one index range of at most
     * a page and merged. Entries at the same instant come stored ones first, then by source name,
     * each newest id first.
     */
    @Transactional(readOnly = true)
    public TimelinePage page(long customerId, List<String> types, String before, Integer size) {
        int limit = size == null ? DEFAULT_SIZE : size;
        if (limit < 1 || limit > MAX_SIZE) {
            throw InvalidRequestException.forField("size", "must be between 1 and " + MAX_SIZE);
        }
        Set<String> wanted = types(types);
        TimelineCursor cursor = TimelineCursor.parse(before);
        int cursorRank = cursor == null || cursor.source().isEmpty() ? 0 : rankOf(cursor.source());
        List<Ranked> rows = new ArrayList<>();
        TimelineCursor storedBefore =
                cursor == null ? null : new TimelineCursor(cursor.occurredAt(), beforeId(cursor, cursorRank, 0));
        store.page(customerId, wanted, storedBefore, limit + 1).forEach(e -> rows.add(new Ranked(e, 0, "")));
        for (int i = 0; i < sources.size(); i++) {
            TimelineSource source = sources.get(i);
            int rank = i + 1;
            if (!wanted.isEmpty() && !wanted.contains(source.type())) {
                continue;
            }
            TimelineSource.Position position = cursor == null
                    ? null
                    : new TimelineSource.Position(cursor.occurredAt(), beforeId(cursor, cursorRank, rank));
            source.entries(customerId, position, limit + 1).forEach(e -> rows.add(new Ranked(e, rank, source.name())));
        }
        rows.sort(NEWEST_FIRST);
        if (rows.size() <= limit) {
            return new TimelinePage(rows.stream().map(Ranked::entry).toList(), limit, null);
        }
        List<Ranked> content = rows.subList(0, limit);
        Ranked last = content.get(limit - 1);
        return new TimelinePage(
                content.stream().map(Ranked::entry).toList(),
                limit,
                new TimelineCursor(
                                last.entry().occurredAt(),
                                last.source(),
                                last.entry().id())
                        .toString());
    }

    /**
     * Where the entries of rank {@code rank} resume after the cursor at its instant: after the
     * cursor's id in its own rank, all of a later rank, none of an earlier one (shown before it).
     */
    private static long beforeId(TimelineCursor cursor, int cursorRank, int rank) {
        return rank == cursorRank ? cursor.id() : rank > cursorRank ? Long.MAX_VALUE : Long.MIN_VALUE;
    }

    private int rankOf(String name) {
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i).name().equals(name)) {
                return i + 1;
            }
        }
        throw InvalidRequestException.forField("before", "not a timeline source: " + name);
    }

    /** An entry with the place of its source among entries at the same instant (0: stored). */
    private record Ranked(TimelineEntry entry, int rank, String source) {}

    private static final Comparator<Ranked> NEWEST_FIRST = Comparator.comparing(
                    (Ranked r) -> r.entry().occurredAt(), Comparator.reverseOrder())
            .thenComparingInt(Ranked::rank)
            .thenComparing(r -> r.entry().id(), Comparator.reverseOrder());

    /**
     * The types on the customer's timeline (the filter chips): the common ones in a fixed order, then
     * any others alphabetically.
     */
    @Transactional(readOnly = true)
    public List<String> typesOf(long customerId) {
        List<String> types = new ArrayList<>(store.typesOf(customerId));
        for (TimelineSource source : sources) {
            if (!types.contains(source.type()) && source.any(customerId)) {
                types.add(source.type());
            }
        }
        types.sort(Comparator.comparingInt((String t) -> {
                    int known = COMMON_TYPES.indexOf(t);
                    return known < 0 ? COMMON_TYPES.size() : known;
                })
                .thenComparing(Comparator.naturalOrder()));
        return types;
    }

    /** A merge: the merged customer's entries show on the survivor. */
    public int moveToSurvivor(long mergedId, long survivorId) {
        return store.move(mergedId, survivorId);
    }

    /** Undoing a merge: the entries it moved go back to the merged customer. */
    public int moveBack(long survivorId, long mergedId) {
        return store.moveBack(survivorId, mergedId);
    }

    /** Erasure: notes about these customers, texts of messages to them and names of merged records go. */
    public int erase(java.util.Collection<Long> customerIds) {
        return store.erase(customerIds);
    }

    /** The customers of a departing owner are about to go back to the pool: one entry each. */
    public int returningToPool(long ownerId, String ownerName) {
        Instant now = clock.instant();
        return store.returnedToPool(ownerId, "RETURNED_TO_POOL", ownerName, "pool:" + UUID.randomUUID() + ":", now);
    }

    /** The types asked for, in their stored form; a type that cannot be one is a 400. */
    public static Set<String> types(List<String> types) {
        Set<String> wanted = new LinkedHashSet<>();
        if (types != null) {
            for (String type : types) {
                if (type == null || type.isBlank()) {
                    continue;
                }
                for (String one : type.split(",")) {
                    if (!one.isBlank()) {
                        try {
                            wanted.add(TimelineEntryPublished.type(one));
                        } catch (IllegalArgumentException e) {
                            throw InvalidRequestException.forField("type", "not a timeline type: " + one.strip());
                        }
                    }
                }
            }
        }
        if (wanted.size() > MAX_TYPES) {
            throw InvalidRequestException.forField("type", "at most " + MAX_TYPES + " types");
        }
        return wanted;
    }
}
