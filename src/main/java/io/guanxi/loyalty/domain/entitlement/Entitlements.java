package io.guanxi.loyalty.domain.entitlement;

import io.guanxi.customer.TimelineEntryPublished;
import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.StoreView;
import io.guanxi.loyalty.PackagePurchase;
import io.guanxi.loyalty.PackageReturn;
import io.guanxi.loyalty.domain.LoyaltyProperties;
import io.guanxi.loyalty.domain.StoreZones;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.NotFoundException;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers' entitlements to services. Granting is idempotent per (order, package, unit); a
 * redemption locks the entitlement row, so concurrent visits are served one after the other and the
 * uses never go below zero (the database checks it too); a redemption with a reference already used
 * on the entitlement returns the first one and writes nothing. Every change appends a line to the
 * usage history and goes on the customer's timeline.
 */
@Service
public class Entitlements {

    private static final String SELECT = "SELECT e.id, e.customer_id, e.package_id, p.sku, p.name, p.kind, e.source,"
            + " e.uses_granted, e.uses_remaining, e.granted_at, e.expires_at, e.status, e.last_used_at,"
            + " e.next_reminder_on, e.store_id, p.reminder_days FROM entitlement e"
            + " JOIN service_package p ON p.id = e.package_id";

    private final JdbcClient jdbc;
    private final ServicePackages packages;
    private final IdentityApi identity;
    private final LoyaltyProperties loyalty;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Entitlements(
            JdbcClient jdbc,
            ServicePackages packages,
            IdentityApi identity,
            LoyaltyProperties loyalty,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.packages = packages;
        this.identity = identity;
        this.loyalty = loyalty;
        this.events = events;
        this.clock = clock;
    }

    /** A redemption, and whether it is the one an earlier request with the same reference made. */
    public record Redemption(EntitlementView entitlement, EntitlementUse use, boolean replayed) {}

    private record Locked(Long storeId, int remaining, Instant expiresAt, String status, long packageId) {}

    /** A service reminder due on a day for one entitlement. */
    public record ReminderDue(
            long entitlementId, long customerId, Long storeId, String packageName, int remaining, LocalDate dueOn) {}

    @Transactional(propagation = Propagation.MANDATORY)
    public int grant(PackagePurchase purchase) {
        Map<String, ServicePackage> bought =
                packages.activeBySku(purchase.quantities().keySet());
        int granted = 0;
        for (ServicePackage p : bought.values()) {
            int units = purchase.quantities().getOrDefault(p.sku(), 0);
            LocalDate day = purchase.occurredAt().atZone(purchase.zone()).toLocalDate();
            Instant expires = day.plusMonths(p.validityMonths())
                    .plusDays(1)
                    .atStartOfDay(purchase.zone())
                    .toInstant();
            for (int unit = 1; unit <= units; unit++) {
                GeneratedKeyHolder key = new GeneratedKeyHolder();
                int rows = jdbc.sql("INSERT INTO entitlement (customer_id, package_id, source, unit_no, store_id,"
                                + " uses_granted, uses_remaining, granted_at, expires_at, status)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE') ON CONFLICT DO NOTHING")
                        .params(
                                purchase.customerId(),
                                p.id(),
                                purchase.source(),
                                unit,
                                purchase.storeId(),
                                p.uses(),
                                p.uses(),
                                Timestamp.from(purchase.occurredAt()),
                                Timestamp.from(expires))
                        .update(key, "id");
                if (rows == 0) {
                    continue;
                }
                long id = key.getKeyAs(Number.class).longValue();
                appendUse(
                        id,
                        purchase.customerId(),
                        "GRANT",
                        p.uses(),
                        purchase.source(),
                        null,
                        purchase.actor(),
                        purchase.occurredAt());
                events.publishEvent(new TimelineEntryPublished(
                        purchase.customerId(),
                        "SERVICE",
                        purchase.occurredAt(),
                        "ENTITLEMENT_GRANTED",
                        p.name() + " · " + p.uses() + " × · " + purchase.source(),
                        "loyalty",
                        "entitlement:" + id + ":grant",
                        purchase.actor()));
                granted++;
            }
        }
        return granted;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public int revoke(PackageReturn returned) {
        Map<String, ServicePackage> bought =
                packages.activeBySku(returned.quantities().keySet());
        int revoked = 0;
        for (ServicePackage p : bought.values()) {
            int units = returned.quantities().getOrDefault(p.sku(), 0);
            List<Map<String, Object>> rows = jdbc.sql("SELECT id, uses_remaining FROM entitlement"
                            + " WHERE source = ? AND package_id = ? AND customer_id = ? AND status = 'ACTIVE'"
                            + " ORDER BY uses_granted - uses_remaining, unit_no DESC FOR UPDATE")
                    .params(returned.source(), p.id(), returned.customerId())
                    .query()
                    .listOfRows();
            for (Map<String, Object> row : rows.subList(0, Math.min(units, rows.size()))) {
                long id = ((Number) row.get("id")).longValue();
                int left = ((Number) row.get("uses_remaining")).intValue();
                jdbc.sql("UPDATE entitlement SET status = 'REVOKED', uses_remaining = 0, revoked_at = ?,"
                                + " next_reminder_on = NULL WHERE id = ?")
                        .params(Timestamp.from(returned.at()), id)
                        .update();
                appendUse(
                        id,
                        returned.customerId(),
                        "REVOKE",
                        -left,
                        returned.reference(),
                        null,
                        returned.actor(),
                        returned.at());
                events.publishEvent(new TimelineEntryPublished(
                        returned.customerId(),
                        "SERVICE",
                        returned.at(),
                        "ENTITLEMENT_REVOKED",
                        p.name() + " · " + returned.reference(),
                        "loyalty",
                        "entitlement:" + id + ":revoke",
                        returned.actor()));
                revoked++;
            }
        }
        return revoked;
    }

    /**
     * Uses one service of an entitlement at a visit. The reference (the visit, or an idempotency key)
     * makes it idempotent; an expired, used-up or revoked entitlement is refused with a conflict.
     */
    @Transactional
    public Redemption redeem(long customerId, long entitlementId, String reference, String note, String actor) {
        if (reference == null || reference.isBlank() || reference.strip().length() > 100) {
            throw InvalidRequestException.forField("reference", "must be 1 to 100 characters (the visit or a key)");
        }
        if (note != null && note.length() > 500) {
            throw InvalidRequestException.forField("note", "must be at most 500 characters");
        }
        String ref = "visit:" + reference.strip();
        Locked row = jdbc.sql("SELECT store_id, uses_remaining, expires_at, status, package_id FROM entitlement"
                        + " WHERE id = ? AND customer_id = ? FOR UPDATE")
                .params(entitlementId, customerId)
                .query((rs, n) -> {
                    long store = rs.getLong("store_id");
                    Long storeId = rs.wasNull() ? null : store;
                    return new Locked(
                            storeId,
                            rs.getInt("uses_remaining"),
                            rs.getTimestamp("expires_at").toInstant(),
                            rs.getString("status"),
                            rs.getLong("package_id"));
                })
                .optional()
                .orElseThrow(() -> NotFoundException.of("Entitlement", entitlementId));
        Optional<EntitlementUse> earlier = use(entitlementId, ref);
        if (earlier.isPresent()) {
            return new Redemption(find(customerId, entitlementId), earlier.get(), true);
        }
        Instant now = clock.instant();
        if ("REVOKED".equals(row.status())) {
            throw ConflictException.because("Entitlement " + entitlementId + " was revoked");
        }
        if (!row.expiresAt().isAfter(now)) {
            throw ConflictException.because("Entitlement " + entitlementId + " has expired");
        }
        if (row.remaining() <= 0) {
            throw ConflictException.because("Entitlement " + entitlementId + " has no uses left");
        }
        Long storeId = row.storeId();
        Integer reminderDays =
                packages.find(row.packageId()).map(ServicePackage::reminderDays).orElse(null);
        LocalDate next = reminderDays == null
                ? null
                : now.atZone(zone(storeId)).toLocalDate().plusDays(reminderDays);
        jdbc.sql("UPDATE entitlement SET uses_remaining = uses_remaining - 1, last_used_at = ?, next_reminder_on = ?"
                        + " WHERE id = ? AND uses_remaining > 0")
                .params(Timestamp.from(now), next == null ? null : Date.valueOf(next), entitlementId)
                .update();
        appendUse(entitlementId, customerId, "REDEEM", -1, ref, blankToNull(note), actor, now);
        EntitlementView view = find(customerId, entitlementId);
        events.publishEvent(new TimelineEntryPublished(
                customerId,
                "SERVICE",
                now,
                "ENTITLEMENT_REDEEMED",
                view.packageName() + " · " + view.usesRemaining() + "/" + view.usesGranted()
                        + (next == null ? "" : " · → " + next),
                "loyalty",
                "entitlement:" + entitlementId + ":" + ref,
                actor));
        return new Redemption(view, use(entitlementId, ref).orElseThrow(), false);
    }

    @Transactional(readOnly = true)
    public List<EntitlementView> forCustomer(long customerId) {
        Instant now = clock.instant();
        StoreZones zones = new StoreZones(identity.stores(), loyalty.zone(), now);
        return jdbc.sql(SELECT + " WHERE e.customer_id = ? ORDER BY e.granted_at DESC, e.id DESC")
                .param(customerId)
                .query((rs, n) -> map(rs, now, zones))
                .list();
    }

    @Transactional(readOnly = true)
    public EntitlementView find(long customerId, long entitlementId) {
        Instant now = clock.instant();
        StoreZones zones = new StoreZones(identity.stores(), loyalty.zone(), now);
        return jdbc.sql(SELECT + " WHERE e.id = ? AND e.customer_id = ?")
                .params(entitlementId, customerId)
                .query((rs, n) -> map(rs, now, zones))
                .optional()
                .orElseThrow(() -> NotFoundException.of("Entitlement", entitlementId));
    }

    @Transactional(readOnly = true)
    public List<EntitlementUse> history(long entitlementId) {
        return jdbc.sql("SELECT * FROM entitlement_usage WHERE entitlement_id = ? ORDER BY id")
                .param(entitlementId)
                .query(Entitlements::use)
                .list();
    }

    /** Active entitlements with uses left and a reminder due between the two days. */
    @Transactional(readOnly = true)
    public List<ReminderDue> dueReminders(LocalDate from, LocalDate to, Instant now) {
        return jdbc.sql("SELECT e.id, e.customer_id, e.store_id, p.name, e.uses_remaining, e.next_reminder_on"
                        + " FROM entitlement e JOIN service_package p ON p.id = e.package_id"
                        + " WHERE e.next_reminder_on BETWEEN ? AND ? AND e.status = 'ACTIVE'"
                        + " AND e.uses_remaining > 0 AND e.expires_at > ? ORDER BY e.id")
                .params(Date.valueOf(from), Date.valueOf(to), Timestamp.from(now))
                .query((rs, n) -> {
                    long store = rs.getLong("store_id");
                    Long storeId = rs.wasNull() ? null : store;
                    return new ReminderDue(
                            rs.getLong("id"),
                            rs.getLong("customer_id"),
                            storeId,
                            rs.getString("name"),
                            rs.getInt("uses_remaining"),
                            rs.getDate("next_reminder_on").toLocalDate());
                })
                .list();
    }

    private ZoneId zone(Long storeId) {
        if (storeId == null) {
            return loyalty.zone();
        }
        return identity.store(storeId).map(StoreView::zoneId).map(ZoneId::of).orElse(loyalty.zone());
    }

    private Optional<EntitlementUse> use(long entitlementId, String reference) {
        return jdbc.sql("SELECT * FROM entitlement_usage WHERE entitlement_id = ? AND reference = ?")
                .params(entitlementId, reference)
                .query(Entitlements::use)
                .optional();
    }

    private void appendUse(
            long entitlementId,
            long customerId,
            String kind,
            int uses,
            String reference,
            String note,
            String actor,
            Instant at) {
        jdbc.sql("INSERT INTO entitlement_usage (entitlement_id, customer_id, kind, uses, reference, note, actor,"
                        + " occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        entitlementId,
                        customerId,
                        kind,
                        uses,
                        reference,
                        note,
                        actor == null ? "system" : actor,
                        Timestamp.from(at))
                .update();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static EntitlementView map(ResultSet rs, Instant now, StoreZones zones) throws SQLException {
        Timestamp lastUsed = rs.getTimestamp("last_used_at");
        Date next = rs.getDate("next_reminder_on");
        Instant expires = rs.getTimestamp("expires_at").toInstant();
        int remaining = rs.getInt("uses_remaining");
        long store = rs.getLong("store_id");
        ZoneId zone = zones.zone(rs.wasNull() ? null : store);
        String status = rs.getString("status");
        if ("ACTIVE".equals(status)) {
            status = remaining == 0 ? "USED_UP" : !expires.isAfter(now) ? "EXPIRED" : "ACTIVE";
        }
        return new EntitlementView(
                rs.getLong("id"),
                rs.getLong("customer_id"),
                rs.getLong("package_id"),
                rs.getString("sku"),
                rs.getString("name"),
                ServicePackage.Kind.valueOf(rs.getString("kind")),
                rs.getString("source"),
                rs.getInt("uses_granted"),
                remaining,
                rs.getTimestamp("granted_at").toInstant(),
                expires,
                expires.minusSeconds(1).atZone(zone).toLocalDate(),
                status,
                lastUsed == null ? null : lastUsed.toInstant(),
                next == null ? null : next.toLocalDate());
    }

    private static EntitlementUse use(ResultSet rs, int n) throws SQLException {
        return new EntitlementUse(
                rs.getLong("id"),
                rs.getLong("entitlement_id"),
                rs.getLong("customer_id"),
                rs.getString("kind"),
                rs.getInt("uses"),
                rs.getString("reference"),
                rs.getString("note"),
                rs.getString("actor"),
                rs.getTimestamp("occurred_at").toInstant());
    }
}
