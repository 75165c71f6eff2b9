package io.guanxi.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A customer's membership: the tier and its benefits, since when, the next evaluation date (null
 * for the lowest tier), the day a downgrade takes effect when the last evaluation found the customer
 * below the tier (the grace period), activity over the rolling window, progress to the next tier,
 * and the tier history (newest first).
 */
public record Membership(
        long customerId,
        TierView tier,
        Instant since,
        LocalDate nextEvaluation,
        LocalDate downgradeOn,
        WindowActivity window,
        Progress progress,
        List<Change> history) {

    /** What is still missing for the next tier (any one of the three is enough); null amounts are no criterion. */
    public record Progress(TierView next, BigDecimal spendMissing, Long ordersMissing, Long pointsMissing) {}

    /** One tier change. */
    public record Change(String fromTier, String toTier, String reason, Instant occurredAt, String actor) {}
}
