package io.guanxi.loyalty.domain.coupon;

import io.guanxi.customer.CustomerApi;
import io.guanxi.customer.TimelineEntryPublished;
import io.guanxi.identity.AuditTrail;
import io.guanxi.loyalty.CouponView;
import io.guanxi.loyalty.MovementType;
import io.guanxi.loyalty.NewRewardItem;
import io.guanxi.loyalty.PointsMovementView;
import io.guanxi.loyalty.RewardItemView;
import io.guanxi.loyalty.RewardKind;
import io.guanxi.loyalty.RewardRedeemed;
import io.guanxi.loyalty.domain.PointsLedger;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The points redemption catalogue: gifts, services and coupons with a points price, an optional
 * stock and an optional per-customer limit. A redemption locks the item row (so stock and limits
 * hold under concurrency and never go below zero), spends the points through the {@link PointsLedger}
 * and, for a coupon item, issues the coupon — all in one transaction, or nothing.
 */
@Service
public class RewardCatalogue {

    private static final String COLUMNS =
            "id, name, kind, points_price, template_id, stock, per_customer_limit, active, created_at";

    private final JdbcClient jdbc;
    private final PointsLedger ledger;
    private final CouponLedger coupons;
    private final Coupons templates;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final Clock clock;
    private final CustomerApi customers;

    RewardCatalogue(
            JdbcClient jdbc,
            PointsLedger ledger,
            CouponLedger coupons,
            Coupons templates,
            ApplicationEventPublisher events,
            AuditTrail audit,
            Clock clock,
            CustomerApi customers) {
        this.customers = customers;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.coupons = coupons;
        this.templates = templates;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public RewardItemView create(NewRewardItem item, String actor) {
        validate(item);
        Instant now = clock.instant();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO reward_item (name, kind, points_price, template_id, stock, per_customer_limit, active,"
                        + " created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        item.name().strip(),
                        item.kind().name(),
                        item.pointsPrice(),
                        item.kind() == RewardKind.COUPON ? item.templateId() : null,
                        item.stock(),
                        item.perCustomerLimit(),
                        item.active() == null || item.active(),
                        actor,
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        audit.record("reward.create", "reward_item", id, item.kind() + " " + item.name() + " " + item.pointsPrice());
        return find(id).orElseThrow();
    }

    /** Changes an item's name, price, stock, limit and active flag (audited); past redemptions keep their points. */
    @Transactional
    public RewardItemView update(long id, NewRewardItem item, String actor) {
        RewardItemView current = lock(id).orElseThrow(() -> NotFoundException.of("Reward item", id));
        if (item.kind() != current.kind()) {
            throw InvalidRequestException.forField("kind", "cannot change; create a new item");
        }
        validate(item);
        jdbc.sql(
                        "UPDATE reward_item SET name = ?, points_price = ?, template_id = ?, stock = ?, per_customer_limit = ?,"
                                + " active = ?, updated_at = ? WHERE id = ?")
                .params(
                        item.name().strip(),
                        item.pointsPrice(),
                        item.kind() == RewardKind.COUPON ? item.templateId() : null,
                        item.stock(),
                        item.perCustomerLimit(),
                        item.active() == null || item.active(),
                        Timestamp.from(clock.instant()),
                        id)
                .update();
        audit.record(
                "reward.update",
                "reward_item",
                id,
                "price=" + item.pointsPrice() + " stock=" + item.stock() + " active=" + item.active());
        return find(id).orElseThrow();
    }

    private void validate(NewRewardItem item) {
        if (item.kind() == RewardKind.COUPON) {
            if (item.templateId() == null) {
                throw InvalidRequestException.forField("templateId", "is required for a coupon item");
            }
            if (templates.template(item.templateId()).isEmpty()) {
                throw InvalidRequestException.forField("templateId", "no such coupon template");
            }
        }
    }

    public Optional<RewardItemView> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reward_item WHERE id = ?")
                .param(id)
                .query(RewardCatalogue::item)
                .optional();
    }

    /** The redemption whose points movement carries {@code source}, as it was answered (stock as it is now). */
    private Optional<RewardRedeemed> redeemedAs(String source, RewardItemView locked) {
        return jdbc.sql("SELECT r.id, r.item_id, r.customer_id, r.points, r.coupon_id, r.occurred_at"
                        + " FROM reward_redemption r JOIN points_movement m ON m.id = r.movement_id"
                        + " WHERE m.type = 'REDEEM' AND m.source = ?")
                .param(source)
                .query((rs, n) -> {
                    long itemId = rs.getLong("item_id");
                    RewardItemView item =
                            itemId == locked.id() ? locked : find(itemId).orElseThrow();
                    long couponId = rs.getLong("coupon_id");
                    CouponView coupon = rs.wasNull() ? null : couponById(couponId);
                    return new RewardRedeemed(
                            rs.getLong("id"),
                            rs.getLong("customer_id"),
                            itemId,
                            item.name(),
                            rs.getLong("points"),
                            item.stock(),
                            coupon,
                            ledger.movement(MovementType.REDEEM, source).orElseThrow(),
                            rs.getTimestamp("occurred_at").toInstant());
                })
                .optional();
    }

    private CouponView couponById(long id) {
        String code = jdbc.sql("SELECT code FROM coupon WHERE id = ?")
                .param(id)
                .query(String.class)
                .single();
        return templates.byCode(code).orElseThrow();
    }

    private Optional<RewardItemView> lock(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reward_item WHERE id = ? FOR UPDATE")
                .param(id)
                .query(RewardCatalogue::item)
                .optional();
    }

    public List<RewardItemView> items(boolean activeOnly) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reward_item" + (activeOnly ? " WHERE active = TRUE" : "")
                        + " ORDER BY active DESC, points_price, id")
                .query(RewardCatalogue::item)
                .list();
    }

    /**
     * Redeems one unit of an item for a customer. Out of stock, over the per-customer limit, inactive
     * or too few points: a conflict, and nothing is written.
     */
    @Transactional
    public RewardRedeemed redeem(long customerId, long itemId, String actor) {
        return redeem(customerId, itemId, null, actor);
    }

    /**
     * As {@link #redeem(long, long, String)}; a {@code reference} (e.g. a client's retry key) makes it
     * once: a repeat for the same customer and item answers the first redemption and spends, takes
     * and issues nothing, and the reference used for another redemption is a conflict.
     */
    @Transactional
    public RewardRedeemed redeem(long customerId, long itemId, String reference, String actor) {
        Instant now = clock.instant();
        RewardItemView item = lock(itemId).orElseThrow(() -> NotFoundException.of("Reward item", itemId));
        // looked up under the item's lock: a concurrent repeat waits for the first and answers it
        String source = reference == null ? null : "reward:" + customerId + ":" + reference;
        Optional<RewardRedeemed> earlier = source == null ? Optional.empty() : redeemedAs(source, item);
        if (earlier.isPresent()) {
            if (earlier.get().customerId() != customerId || earlier.get().itemId() != itemId) {
                throw ConflictException.because("Reference " + reference + " was already used for another redemption");
            }
            return earlier.get();
        }
        if (!item.active()) {
            throw ConflictException.because("Reward " + item.name() + " is not offered any more");
        }
        if (item.stock() != null && item.stock() <= 0) {
            throw ConflictException.because("Reward " + item.name() + " is out of stock");
        }
        if (item.perCustomerLimit() != null) {
            // The limit is the person's: redemptions stay with the record they were made on (the table
            // is append-only), so those of the records merged into this customer count too.
            java.util.Set<Long> records = new java.util.TreeSet<>(customers.mergedInto(customerId));
            records.add(customerId);
            long taken = jdbc.sql("SELECT COUNT(*) FROM reward_redemption WHERE item_id = :item"
                            + " AND customer_id IN (:customers)")
                    .param("item", itemId)
                    .param("customers", records)
                    .query(Long.class)
                    .single();
            if (taken >= item.perCustomerLimit()) {
                throw ConflictException.because("Customer " + customerId + " already redeemed " + item.name() + " "
                        + taken + " times, the most allowed");
            }
        }
        if (item.stock() != null) {
            jdbc.sql("UPDATE reward_item SET stock = stock - 1 WHERE id = ? AND stock > 0")
                    .param(itemId)
                    .update();
        }
        PointsMovementView movement =
                ledger.redeem(customerId, item.pointsPrice(), "CATALOGUE", source, actor, item.name());
        CouponView coupon = item.kind() == RewardKind.COUPON
                ? coupons.issueOne(item.templateId(), customerId, CouponLedger.Via.CATALOGUE, null, actor)
                : null;
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO reward_redemption (item_id, customer_id, points, movement_id, coupon_id, actor,"
                        + " occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        itemId,
                        customerId,
                        item.pointsPrice(),
                        movement.id(),
                        coupon == null ? null : coupon.id(),
                        actor,
                        Timestamp.from(now))
                .update(keys, "id");
        long redemptionId = keys.getKey().longValue();
        events.publishEvent(new TimelineEntryPublished(
                customerId,
                "POINTS",
                now,
                "REWARD_REDEEMED",
                item.name() + " · −" + item.pointsPrice() + " pts",
                "loyalty",
                "reward:" + redemptionId,
                actor));
        Integer left = item.stock() == null ? null : item.stock() - 1;
        return new RewardRedeemed(
                redemptionId, customerId, itemId, item.name(), item.pointsPrice(), left, coupon, movement, now);
    }

    private static RewardItemView item(ResultSet rs, int n) throws SQLException {
        return new RewardItemView(
                rs.getLong("id"),
                rs.getString("name"),
                RewardKind.valueOf(rs.getString("kind")),
                rs.getLong("points_price"),
                rs.getObject("template_id", Long.class),
                rs.getObject("stock", Integer.class),
                rs.getObject("per_customer_limit", Integer.class),
                rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant());
    }
}
