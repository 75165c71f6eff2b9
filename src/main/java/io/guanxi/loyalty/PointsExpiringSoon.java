package io.guanxi.loyalty;

import java.time.Instant;

/** Points of a customer will expire soon; listeners may remind the customer. */
public record PointsExpiringSoon(long customerId, long points, Instant expiresAt) {}
