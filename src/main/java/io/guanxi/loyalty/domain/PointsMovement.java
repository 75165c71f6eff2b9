package io.guanxi.loyalty.domain;

import io.guanxi.loyalty.MovementType;
import io.guanxi.loyalty.PointsMovementView;
import java.time.Instant;

/** One line of the points ledger. Written once, never changed; the id is known once it is stored. */
public final class PointsMovement {

    private Long id;
    private final long customerId;
    private final MovementType type;
    private final long points;
    private final String reason;
    private String source;
    private final String actor;
    private final String note;
    private final Instant occurredAt;

    PointsMovement(
            Long id,
            long customerId,
            MovementType type,
            long points,
            String reason,
            String source,
            String actor,
            String note,
            Instant occurredAt) {
        if (points == 0) {
            throw new IllegalArgumentException("A movement moves points");
        }
        this.id = id;
        this.customerId = customerId;
        this.type = type;
        this.points = points;
        this.reason = reason;
        this.source = source;
        this.actor = actor;
        this.note = note;
        this.occurredAt = occurredAt;
    }

    public Long id() {
        return id;
    }

    void stored(long newId) {
        this.id = newId;
    }

    /** Sources that depend on ids known only when stored (the lot an expiry takes). */
    void sourceOnceStored(String value) {
        if (source == null) {
            source = value;
        }
    }

    public long customerId() {
        return customerId;
    }

    public MovementType type() {
        return type;
    }

    public long points() {
        return points;
    }

    public String reason() {
        return reason;
    }

    public String source() {
        return source;
    }

    public String actor() {
        return actor;
    }

    public String note() {
        return note;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public PointsMovementView view() {
        return new PointsMovementView(
                id == null ? 0 : id, customerId, type, points, reason, source, actor, note, occurredAt);
    }
}
