package io.guanxi.loyalty.domain;

import java.time.Instant;

/**
 * Points earned together (one positive movement), spendable from {@code availableAt} (after the
 * return window) until {@code expiresAt} (exclusive). {@code remaining} is what no movement has taken
 * yet; it only goes down, and only through an {@link Allocation}.
 */
public final class PointsLot {

    private Long id;
    private final Long earningId;
    private final PointsMovement earning;
    private final String source;
    private final long earned;
    private final long remainingWhenLoaded;
    private long remaining;
    private final Instant earnedAt;
    private final Instant availableAt;
    private final Instant expiresAt;
    private final long sequence;

    PointsLot(
            Long id,
            Long earningId,
            PointsMovement earning,
            String source,
            long earned,
            long remaining,
            Instant earnedAt,
            Instant availableAt,
            Instant expiresAt,
            long sequence) {
        if (earned <= 0 || remaining < 0 || remaining > earned) {
            throw new IllegalArgumentException("A lot holds 0..earned points");
        }
        if (!expiresAt.isAfter(availableAt)) {
            throw new IllegalArgumentException("A lot must be spendable before it expires");
        }
        this.id = id;
        this.earningId = earningId;
        this.earning = earning;
        this.source = source;
        this.earned = earned;
        this.remaining = remaining;
        this.remainingWhenLoaded = id == null ? -1 : remaining;
        this.earnedAt = earnedAt;
        this.availableAt = availableAt;
        this.expiresAt = expiresAt;
        this.sequence = sequence;
    }

    long take(long wanted) {
        long taken = Math.min(wanted, remaining);
        remaining -= taken;
        return taken;
    }

    public boolean isSpendable(Instant now) {
        return !now.isBefore(availableAt) && now.isBefore(expiresAt);
    }

    public boolean isPending(Instant now) {
        return now.isBefore(availableAt) && now.isBefore(expiresAt);
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    boolean changedSinceLoaded() {
        return remainingWhenLoaded >= 0 && remaining != remainingWhenLoaded;
    }

    long remainingWhenLoaded() {
        return remainingWhenLoaded;
    }

    void stored(long newId) {
        this.id = newId;
    }

    public Long id() {
        return id;
    }

    /** The positive movement that created the lot. */
    public long earningId() {
        return earningId != null ? earningId : earning.id();
    }

    public String source() {
        return source;
    }

    public long earned() {
        return earned;
    }

    public long remaining() {
        return remaining;
    }

    public Instant earnedAt() {
        return earnedAt;
    }

    public Instant availableAt() {
        return availableAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** Oldest first: the lot that expires first, then the one earned first. */
    long sequence() {
        return sequence;
    }
}
