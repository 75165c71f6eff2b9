package io.guanxi.loyalty.domain;

/** A movement would take more points than the account can give; nothing was written. */
public class InsufficientPointsException extends RuntimeException {

    private final long requested;
    private final long available;

    private InsufficientPointsException(String message, long requested, long available) {
        super(message);
        this.requested = requested;
        this.available = available;
    }

    public static InsufficientPointsException of(long requested, long available) {
        return new InsufficientPointsException(
                "Requested " + requested + " points but only " + available + " are available", requested, available);
    }

    public long requested() {
        return requested;
    }

    public long available() {
        return available;
    }
}
