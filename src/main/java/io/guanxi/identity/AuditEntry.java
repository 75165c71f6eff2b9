package io.guanxi.identity;

import java.time.Instant;

/** One line of the audit log: who did what to which record, when, from which address. */
public record AuditEntry(
        Long id,
        Instant occurredAt,
        Long actorId,
        String actorName,
        String action,
        String entityType,
        String entityId,
        String remoteAddr,
        String details) {}
