package io.guanxi.customer.domain;

import io.guanxi.customer.CustomerMergeUndone;
import io.guanxi.customer.CustomerProperties;
import io.guanxi.customer.CustomerView;
import io.guanxi.customer.CustomersMerged;
import io.guanxi.customer.domain.duplicates.DuplicateStore;
import io.guanxi.customer.domain.timeline.CustomerTimeline;
import io.guanxi.identity.AuditTrail;
import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.IdentityApi;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Merging two records of one customer, with a history that allows undoing it. The survivor takes
 * over what the duplicate knows ({@link Customer#absorb}) and its external ids; the duplicate is
 * hidden, not deleted; other modules move what they link to the duplicate when they hear
 * {@link CustomersMerged}.
 */
@Service
@Transactional
public class CustomerMerges {

    private final CustomerRepository customers;
    private final DuplicateStore duplicates;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final IdentityApi identity;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final CustomerTimeline timeline;
    private final CustomerProperties.Survivorship survivorship;
    private final Clock clock;
    private final PersonalData personal;

    CustomerMerges(
            CustomerRepository customers,
            DuplicateStore duplicates,
            JdbcClient jdbc,
            JsonMapper json,
            IdentityApi identity,
            AuditTrail audit,
            ApplicationEventPublisher events,
            CustomerTimeline timeline,
            CustomerProperties properties,
            Clock clock,
            PersonalData personal) {
        this.personal = personal;
        this.customers = customers;
        this.duplicates = duplicates;
        this.jdbc = jdbc;
        this.json = json;
        this.identity = identity;
        this.audit = audit;
        this.events = events;
        this.timeline = timeline;
        this.survivorship = properties.survivorship();
        this.clock = clock;
    }

    /** One merge as the history shows it. */
    public record Merge(
            long id,
            long survivorId,
            long mergedId,
            Long candidateId,
            Instant mergedAt,
            String mergedBy,
            Instant undoneAt,
            String undoneBy,
            Instant erasedAt) {}

    public Merge merge(long survivorId, long mergedId, Long candidateId, CurrentUser actor) {
        if (survivorId == mergedId) {
            throw InvalidRequestException.forField("mergedId", "a customer cannot be merged into itself");
        }
        var scope = identity.scopeOf(actor);
        Customer survivor =
                customers.find(survivorId, scope).orElseThrow(() -> NotFoundException.of("Customer", survivorId));
        CustomerView duplicate = customers
                .find(mergedId, scope)
                .map(Customer::view)
                .orElseThrow(() -> NotFoundException.of("Customer", mergedId));
        Instant now = clock.instant();
        String before = json.writeValueAsString(survivor.view());
        survivor.absorb(duplicate, survivorship, now);
        customers.update(survivor);
        customers.markMerged(mergedId, survivorId, now);
        List<String> moved = jdbc.sql("SELECT source, external_id FROM customer_external_id WHERE customer_id = ?")
                .param(mergedId)
                .query((rs, i) -> rs.getString(1) + "\t" + rs.getString(2))
                .list();
        jdbc.sql("UPDATE customer_external_id SET customer_id = ? WHERE customer_id = ?")
                .params(survivorId, mergedId)
                .update();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql(
                        "INSERT INTO customer_merge (survivor_id, merged_id, candidate_id, survivor_before, moved_external_ids,"
                                + " merged_at, merged_by, pii_key, pii_index_key) VALUES (?,?,?,?,?,?,?,?,?)")
                .params(
                        survivorId,
                        mergedId,
                        candidateId,
                        personal.encrypt(PersonalData.Field.MERGE_SNAPSHOT, before),
                        String.join("\n", moved),
                        Timestamp.from(now),
                        actor.username(),
                        personal.activeKey(),
                        personal.activeIndexKey())
                .update(keys, "id");
        long mergeId = keys.getKey().longValue();
        if (candidateId != null) {
            duplicates.decide(candidateId, "MERGED", actor.username(), now);
        }
        duplicates.dropOpenPairsOf(mergedId);
        audit.record("CUSTOMERS_MERGED", "customer", survivorId, "merged=" + mergedId + " merge=" + mergeId);
        timeline.moveToSurvivor(mergedId, survivorId);
        timeline.record(
                survivorId,
                "MERGE",
                "CUSTOMERS_MERGED",
                duplicate.displayName() + " (#" + mergedId + ")",
                actor.username());
        events.publishEvent(new CustomersMerged(mergeId, survivorId, mergedId));
        return find(mergeId);
    }

    /** Merges the two customers of a candidate pair; the older record survives unless told otherwise. */
    public Merge mergeCandidate(long candidateId, Long survivorId, CurrentUser actor) {
        DuplicateStore.CandidateRow pair = openCandidate(candidateId);
        long survivor = survivorId == null ? pair.leftId() : survivorId;
        if (survivor != pair.leftId() && survivor != pair.rightId()) {
            throw InvalidRequestException.forField("survivorId", "must be one of the pair");
        }
        return merge(survivor, survivor == pair.leftId() ? pair.rightId() : pair.leftId(), candidateId, actor);
    }

    public void dismiss(long candidateId, CurrentUser actor) {
        DuplicateStore.CandidateRow pair = openCandidate(candidateId);
        duplicates.decide(candidateId, "DISMISSED", actor.username(), clock.instant());
        audit.record("DUPLICATE_DISMISSED", "duplicate_candidate", candidateId, pair.leftId() + "," + pair.rightId());
    }

    private DuplicateStore.CandidateRow openCandidate(long candidateId) {
        DuplicateStore.CandidateRow pair = duplicates
                .candidate(candidateId)
                .orElseThrow(() -> NotFoundException.of("Duplicate pair", candidateId));
        if (!"OPEN".equals(pair.status())) {
            throw ConflictException.because(
                    "The pair was already " + pair.status().toLowerCase());
        }
        return pair;
    }

    /** Undoes a merge: the survivor as it was before, the duplicate visible again with its external ids. */
    public Merge undo(long mergeId, CurrentUser actor) {
        Merge merge = find(mergeId);
        if (merge.undoneAt() != null) {
            throw ConflictException.because("The merge was already undone");
        }
        if (merge.erasedAt() != null) {
            throw ConflictException.because("The merge cannot be undone: the personal data of customer #"
                    + merge.survivorId() + " / #" + merge.mergedId()
                    + " was erased on request, and with it the record as it was before the merge");
        }
        long later = jdbc.sql("SELECT COUNT(*) FROM customer_merge WHERE id > ? AND undone_at IS NULL"
                        + " AND (survivor_id IN (?, ?) OR merged_id IN (?, ?))")
                .params(mergeId, merge.survivorId(), merge.mergedId(), merge.survivorId(), merge.mergedId())
                .query(Long.class)
                .single();
        if (later > 0) {
            throw ConflictException.because("Undo the later merges of these customers first");
        }
        customers
                .find(merge.survivorId(), identity.scopeOf(actor))
                .orElseThrow(() -> NotFoundException.of("Customer", merge.survivorId()));
        String[] saved = jdbc.sql("SELECT survivor_before, moved_external_ids FROM customer_merge WHERE id = ?")
                .param(mergeId)
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)})
                .single();
        String before = personal.decrypt(PersonalData.Field.MERGE_SNAPSHOT, saved[0]);
        String moved = saved[1];
        Instant now = clock.instant();
        customers.overwrite(json.readValue(before, CustomerView.class));
        customers.markMerged(merge.mergedId(), null, now);
        if (moved != null && !moved.isEmpty()) {
            for (String line : moved.split("\n")) {
                String[] parts = line.split("\t", 2);
                jdbc.sql("UPDATE customer_external_id SET customer_id = ? WHERE source = ? AND external_id = ?")
                        .params(merge.mergedId(), parts[0], parts[1])
                        .update();
            }
        }
        jdbc.sql("UPDATE customer_merge SET undone_at = ?, undone_by = ? WHERE id = ?")
                .params(Timestamp.from(now), actor.username(), mergeId)
                .update();
        if (merge.candidateId() != null) {
            duplicates.decide(merge.candidateId(), "OPEN", null, now);
        }
        timeline.moveBack(merge.survivorId(), merge.mergedId());
        String detail = "#" + merge.survivorId() + " / #" + merge.mergedId();
        timeline.record(merge.survivorId(), "MERGE", "CUSTOMER_MERGE_UNDONE", detail, actor.username());
        timeline.record(merge.mergedId(), "MERGE", "CUSTOMER_MERGE_UNDONE", detail, actor.username());
        audit.record(
                "CUSTOMER_MERGE_UNDONE",
                "customer",
                merge.survivorId(),
                "merged=" + merge.mergedId() + " merge=" + mergeId);
        events.publishEvent(new CustomerMergeUndone(mergeId, merge.survivorId(), merge.mergedId()));
        return find(mergeId);
    }

    /**
     * Erasure: the merges of the given records lose what they kept of the person — the snapshot of
     * the survivor before the merge and the external ids it moved — and can no longer be undone
     * (an undo would bring the erased data back). Answers the values the snapshots held, decrypted,
     * so that the erasure can look for them elsewhere (an older phone number, say).
     */
    public List<CustomerView> forget(java.util.Collection<Long> customerIds, Instant now) {
        List<CustomerView> snapshots = new java.util.ArrayList<>();
        jdbc.sql("SELECT survivor_before FROM customer_merge WHERE survivor_before IS NOT NULL"
                        + " AND (survivor_id IN (:ids) OR merged_id IN (:ids))")
                .param("ids", customerIds)
                .query(rs -> {
                    snapshots.add(json.readValue(
                            personal.decrypt(PersonalData.Field.MERGE_SNAPSHOT, rs.getString(1)), CustomerView.class));
                });
        jdbc.sql("UPDATE customer_merge SET survivor_before = NULL, moved_external_ids = NULL, erased_at = :now,"
                        + " pii_key = :key, pii_index_key = :index_key"
                        + " WHERE survivor_id IN (:ids) OR merged_id IN (:ids)")
                .param("now", Timestamp.from(now))
                .param("key", personal.activeKey())
                .param("index_key", personal.activeIndexKey())
                .param("ids", customerIds)
                .update();
        return snapshots;
    }

    @Transactional(readOnly = true)
    public List<Merge> historyOf(long customerId) {
        return jdbc.sql(SELECT + " WHERE survivor_id = ? OR merged_id = ? ORDER BY id DESC")
                .params(customerId, customerId)
                .query(CustomerMerges::map)
                .list();
    }

    private Merge find(long id) {
        return jdbc.sql(SELECT + " WHERE id = ?")
                .param(id)
                .query(CustomerMerges::map)
                .optional()
                .orElseThrow(() -> NotFoundException.of("Merge", id));
    }

    private static final String SELECT = "SELECT id, survivor_id, merged_id, candidate_id, merged_at, merged_by,"
            + " undone_at, undone_by, erased_at FROM customer_merge";

    private static Merge map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Merge(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getObject(4, Long.class),
                rs.getTimestamp(5).toInstant(),
                rs.getString(6),
                rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(),
                rs.getString(8),
                rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant());
    }
}
