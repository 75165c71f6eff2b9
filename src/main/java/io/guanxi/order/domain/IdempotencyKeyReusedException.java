package io.guanxi.order.domain;

/** An Idempotency-Key came back with a different request body; nothing was done. */
public class IdempotencyKeyReusedException extends RuntimeException {

    IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key " + key + " was already used with a different request");
    }
}
