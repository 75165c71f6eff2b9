package io.guanxi.loyalty.domain;

/** A negative movement took {@code points} from a lot. Written once, never changed. */
public record Allocation(PointsMovement movement, PointsLot lot, long points) {

    public Allocation {
        if (points <= 0) {
            throw new IllegalArgumentException("An allocation takes points");
        }
    }
}
