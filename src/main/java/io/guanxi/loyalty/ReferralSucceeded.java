package io.guanxi.loyalty;

import java.time.Instant;

/** A referral succeeded: the referee qualified and both sides earned their rewards. */
public record ReferralSucceeded(long referralId, long referrerId, long refereeId, int successNumber, Instant at) {}
