package io.guanxi.shared.messaging;

import java.time.Instant;

/**
 * What became of a message: {@code SENT} (handed to the provider), {@code NOT_SENT} (not tried, e.g.
 * the channel is not configured or there is no address) or {@code FAILED} (the provider refused it or
 * could not be reached); {@code detail} says why when it was not sent.
 */
public record Delivery(Status status, String detail, Instant at) {

    /** The outcome of one send. */
    public enum Status {
        SENT,
        NOT_SENT,
        FAILED
    }

    public static Delivery sent(Instant at) {
        return new Delivery(Status.SENT, null, at);
    }

    public static Delivery notSent(String why, Instant at) {
        return new Delivery(Status.NOT_SENT, why, at);
    }

    public static Delivery failed(String why, Instant at) {
        return new Delivery(Status.FAILED, why, at);
    }

    public boolean sent() {
        return status == Status.SENT;
    }
}
