package io.guanxi.loyalty;

import java.time.Instant;

/**
 * A referral: who brought whom, with which code, and whether it has succeeded (the n-th success of
 * the referrer).
 */
public record ReferralView(
        long id,
        long referrerId,
        long refereeId,
        String code,
        State state,
        Instant referredAt,
        Instant qualifiedAt,
        Integer successNumber) {

    /** A referral waits for its qualifying event, then it has succeeded. */
    public enum State {
        PENDING,
        QUALIFIED
    }
}
