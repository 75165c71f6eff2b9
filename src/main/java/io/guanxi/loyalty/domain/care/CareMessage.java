package io.guanxi.loyalty.domain.care;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One entry of the send log: a care moment the job decided on for a customer, and what became of
 * it. {@code status}: {@code PENDING} (claimed, being sent), {@code SENT}, {@code SKIPPED} (not
 * tried: no consent, no address, channel not configured; {@code reason} says which) or
 * {@code FAILED} (the provider refused it; tried again by later runs, see {@link CareMoments}).
 * {@code recipient} is the address masked (w***@example.com); {@code attempts} counts the tries,
 * the last at {@code attemptedAt}.
 */
public record CareMessage(
        long id,
        long customerId,
        CareMoment moment,
        String occasion,
        LocalDate dueOn,
        String channel,
        String recipient,
        String subject,
        String status,
        String reason,
        int attempts,
        Instant createdAt,
        Instant attemptedAt,
        Instant sentAt) {}
