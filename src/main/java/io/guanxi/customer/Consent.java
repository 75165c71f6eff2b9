package io.guanxi.customer;

import java.time.Instant;

/** A customer's consent (or its withdrawal) for one channel, with where and when it was given. */
public record Consent(ContactChannel channel, boolean granted, String source, Instant recordedAt, String recordedBy) {}
