package io.guanxi.loyalty.domain.coupon;

import io.guanxi.loyalty.CouponEventView;
import io.guanxi.loyalty.CouponKind;
import io.guanxi.loyalty.CouponRuleView;
import io.guanxi.loyalty.CouponState;
import io.guanxi.loyalty.CouponTrigger;
import io.guanxi.loyalty.CouponView;
import io.guanxi.shared.Money;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Coupon templates, issued coupons with their append-only history, and coupon rules in the
 * database. {@link #lockTemplate} and {@link #lockByCode} take row locks held until the transaction
 * ends: issuing serialises on the template (limits hold), using serialises on the coupon.
 */
@Repository
public class Coupons {

    static final int CHUNK = 1000;
    private static final String TEMPLATE_COLUMNS = "id, name, kind, currency, amount_off, percent_off, max_discount,"
            + " min_spend, benefit, categories, skus, valid_from, valid_until, valid_days, per_customer_limit,"
            + " total_quantity, issued_count, active, created_at";
    private static final String COUPON_COLUMNS = "c.id, c.code, c.template_id, t.name AS template_name, t.kind,"
            + " t.currency, c.customer_id, c.state, c.valid_from, c.valid_until, c.issued_via, c.campaign,"
            + " c.redeemed_on, c.discount, c.issued_by, c.issued_at, c.changed_at";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    Coupons(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    // ---- templates

    long insertTemplate(CouponTemplate t, String actor) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO coupon_template (name, kind, currency, amount_off, percent_off, max_discount, min_spend,"
                        + " benefit, categories, skus, valid_from, valid_until, valid_days, per_customer_limit,"
                        + " total_quantity, issued_count, active, created_by, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)")
                .params(
                        t.name(),
                        t.kind().name(),
                        t.currency(),
                        t.amountOff(),
                        t.percentOff(),
                        t.maxDiscount(),
                        t.minSpend(),
                        t.benefit(),
                        join(t.categories()),
                        join(t.skus()),
                        ts(t.validFrom()),
                        ts(t.validUntil()),
                        t.validDays(),
                        t.perCustomerLimit(),
                        t.totalQuantity(),
                        t.active(),
                        actor,
                        ts(t.createdAt()),
                        ts(t.createdAt()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public Optional<CouponTemplate> template(long id) {
        return jdbc.sql("SELECT " + TEMPLATE_COLUMNS + " FROM coupon_template WHERE id = ?")
                .param(id)
                .query(Coupons::template)
                .optional();
    }

    Optional<CouponTemplate> lockTemplate(long id) {
        return jdbc.sql("SELECT " + TEMPLATE_COLUMNS + " FROM coupon_template WHERE id = ? FOR UPDATE")
                .param(id)
                .query(Coupons::template)
                .optional();
    }

    public List<CouponTemplate> templates() {
        return jdbc.sql("SELECT " + TEMPLATE_COLUMNS + " FROM coupon_template ORDER BY active DESC, id DESC")
                .query(Coupons::template)
                .list();
    }

    void updateTemplate(long id, String name, boolean active, Integer perCustomer, Integer total, Instant now) {
        jdbc.sql("UPDATE coupon_template SET name = ?, active = ?, per_customer_limit = ?, total_quantity = ?,"
                        + " updated_at = ? WHERE id = ?")
                .params(name, active, perCustomer, total, ts(now), id)
                .update();
    }

    void countIssued(long templateId, int more) {
        jdbc.sql("UPDATE coupon_template SET issued_count = issued_count + ? WHERE id = ?")
                .params(more, templateId)
                .update();
    }

    /** How many coupons of a template each customer was ever issued (customers with none are absent). */
    Map<Long, Integer> issuedPerCustomer(long templateId, Collection<Long> customerIds) {
        Map<Long, Integer> counts = new HashMap<>();
        List<Long> ids = List.copyOf(customerIds);
        for (int i = 0; i < ids.size(); i += CHUNK) {
            jdbc.sql("SELECT customer_id, COUNT(*) AS n FROM coupon WHERE template_id = :template"
                            + " AND customer_id IN (:ids) GROUP BY customer_id")
                    .param("template", templateId)
                    .param("ids", ids.subList(i, Math.min(ids.size(), i + CHUNK)))
                    .query((rs, n) -> counts.put(rs.getLong("customer_id"), rs.getInt("n")))
                    .list();
        }
        return counts;
    }

    // ---- coupons

    /** A coupon to write: one row and its ISSUED event. */
    record NewCoupon(
            String code,
            long templateId,
            long customerId,
            Instant validFrom,
            Instant validUntil,
            String issuedVia,
            String campaign,
            String source,
            String actor,
            Instant at) {}

    /** Writes coupons and their ISSUED events in batches. */
    void insert(List<NewCoupon> coupons) {
        for (int i = 0; i < coupons.size(); i += CHUNK) {
            List<NewCoupon> chunk = coupons.subList(i, Math.min(coupons.size(), i + CHUNK));
            template.batchUpdate(
                    "INSERT INTO coupon (code, template_id, customer_id, state, valid_from, valid_until, issued_via,"
                            + " campaign, source, issued_by, issued_at, changed_at)"
                            + " VALUES (?, ?, ?, 'ISSUED', ?, ?, ?, ?, ?, ?, ?, ?)",
                    chunk.stream()
                            .map(c -> new Object[] {
                                c.code(),
                                c.templateId(),
                                c.customerId(),
                                ts(c.validFrom()),
                                ts(c.validUntil()),
                                c.issuedVia(),
                                c.campaign(),
                                c.source(),
                                c.actor(),
                                ts(c.at()),
                                ts(c.at())
                            })
                            .toList());
            // each coupon's own reference: its campaign, else its source (a rule's key per customer)
            jdbc.sql("INSERT INTO coupon_event (coupon_id, type, reference, actor, occurred_at)"
                            + " SELECT id, 'ISSUED', CASE WHEN campaign IS NOT NULL THEN 'campaign:' || campaign"
                            + " ELSE source END, issued_by, issued_at FROM coupon WHERE code IN (:codes)")
                    .param("codes", chunk.stream().map(NewCoupon::code).toList())
                    .update();
        }
    }

    public List<CouponView> byCodes(Collection<String> codes) {
        List<CouponView> found = new ArrayList<>();
        List<String> all = List.copyOf(codes);
        for (int i = 0; i < all.size(); i += CHUNK) {
            found.addAll(jdbc.sql("SELECT " + COUPON_COLUMNS
                            + " FROM coupon c JOIN coupon_template t ON t.id = c.template_id WHERE c.code IN (:codes)"
                            + " ORDER BY c.id")
                    .param("codes", all.subList(i, Math.min(all.size(), i + CHUNK)))
                    .query(Coupons::coupon)
                    .list());
        }
        return found;
    }

    public Optional<CouponView> byCode(String code) {
        return jdbc.sql("SELECT " + COUPON_COLUMNS
                        + " FROM coupon c JOIN coupon_template t ON t.id = c.template_id WHERE c.code = ?")
                .param(code)
                .query(Coupons::coupon)
                .optional();
    }

    Optional<CouponView> lockByCode(String code) {
        Optional<Long> id = jdbc.sql("SELECT id FROM coupon WHERE code = ? FOR UPDATE")
                .param(code)
                .query(Long.class)
                .optional();
        return id.flatMap(ignored -> byCode(code));
    }

    Optional<CouponView> lockRedeemedOn(String orderSource) {
        Optional<String> code = jdbc.sql("SELECT code FROM coupon WHERE redeemed_on = ? FOR UPDATE")
                .param(orderSource)
                .query(String.class)
                .optional();
        return code.flatMap(this::byCode);
    }

    /** The coupons issued with these sources, under row locks taken in id order. */
    List<CouponView> lockBySources(Collection<String> sources) {
        if (sources.isEmpty()) {
            return List.of();
        }
        return jdbc
                .sql("SELECT code FROM coupon WHERE source IN (:sources) ORDER BY id FOR UPDATE")
                .param("sources", List.copyOf(sources))
                .query(String.class)
                .list()
                .stream()
                .flatMap(code -> byCode(code).stream())
                .toList();
    }

    /** Which of these sources already issued a coupon. */
    java.util.Set<String> issuedSources(Collection<String> sources) {
        java.util.Set<String> found = new java.util.HashSet<>();
        List<String> all = List.copyOf(sources);
        for (int i = 0; i < all.size(); i += CHUNK) {
            found.addAll(jdbc.sql("SELECT source FROM coupon WHERE source IN (:sources)")
                    .param("sources", all.subList(i, Math.min(all.size(), i + CHUNK)))
                    .query(String.class)
                    .list());
        }
        return found;
    }

    Optional<CouponView> bySource(String source) {
        return jdbc.sql("SELECT " + COUPON_COLUMNS
                        + " FROM coupon c JOIN coupon_template t ON t.id = c.template_id WHERE c.source = ?")
                .param(source)
                .query(Coupons::coupon)
                .optional();
    }

    public List<CouponView> ofCustomer(long customerId) {
        return jdbc.sql("SELECT " + COUPON_COLUMNS + " FROM coupon c JOIN coupon_template t ON t.id = c.template_id"
                        + " WHERE c.customer_id = ? ORDER BY c.id DESC")
                .param(customerId)
                .query(Coupons::coupon)
                .list();
    }

    public List<CouponEventView> history(long couponId) {
        return jdbc.sql("SELECT e.id, e.coupon_id, e.type, e.reference, e.discount, e.actor, e.note, e.occurred_at,"
                        + " t.currency FROM coupon_event e JOIN coupon c ON c.id = e.coupon_id"
                        + " JOIN coupon_template t ON t.id = c.template_id WHERE e.coupon_id = ? ORDER BY e.id")
                .param(couponId)
                .query((rs, n) -> new CouponEventView(
                        rs.getLong("id"),
                        rs.getLong("coupon_id"),
                        rs.getString("type"),
                        rs.getString("reference"),
                        rs.getBigDecimal("discount") == null
                                ? null
                                : new Money(rs.getBigDecimal("discount"), rs.getString("currency")),
                        rs.getString("actor"),
                        rs.getString("note"),
                        rs.getTimestamp("occurred_at").toInstant()))
                .list();
    }

    /**
     * Moves a coupon to a new state and appends the event that says why, provided it is still in
     * {@code from}; false when it was not (nothing written).
     */
    boolean move(
            long couponId,
            CouponState from,
            CouponState to,
            String event,
            String redeemedOn,
            BigDecimal discount,
            String reference,
            String actor,
            String note,
            Instant at) {
        int changed = jdbc.sql("UPDATE coupon SET state = ?, redeemed_on = ?, discount = ?, changed_at = ?"
                        + " WHERE id = ? AND state = ?")
                .params(to.name(), redeemedOn, discount, ts(at), couponId, from.name())
                .update();
        if (changed == 0) {
            return false;
        }
        jdbc.sql("INSERT INTO coupon_event (coupon_id, type, reference, discount, actor, note, occurred_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(couponId, event, reference, discount, actor, note, ts(at))
                .update();
        return true;
    }

    /**
     * Expires up to {@code limit} issued coupons whose validity ended before {@code now}, with their
     * EXPIRED events; returns how many. The rows are locked first, so a concurrent use either
     * finished before (and the coupon is no longer ISSUED) or waits and then sees it expired.
     */
    int expireDue(Instant now, int limit) {
        List<Long> due = jdbc.sql("SELECT id FROM coupon WHERE state = 'ISSUED' AND valid_until <= ?"
                        + " ORDER BY id LIMIT ? FOR UPDATE")
                .params(ts(now), limit)
                .query(Long.class)
                .list();
        if (due.isEmpty()) {
            return 0;
        }
        jdbc.sql("INSERT INTO coupon_event (coupon_id, type, actor, occurred_at)"
                        + " SELECT id, 'EXPIRED', 'system', :now FROM coupon WHERE id IN (:ids) AND state = 'ISSUED'")
                .param("now", ts(now))
                .param("ids", due)
                .update();
        return jdbc.sql(
                        "UPDATE coupon SET state = 'EXPIRED', changed_at = :now WHERE id IN (:ids) AND state = 'ISSUED'")
                .param("now", ts(now))
                .param("ids", due)
                .update();
    }

    // ---- merges

    /**
     * Moves every coupon of {@code from} to {@code to} (a merge), whatever its state, so the survivor
     * holds the unused ones and the history of the others; each gets a MOVED row in its history with
     * {@code reference}. The rows are locked first, so a concurrent use either finished before or waits
     * and then sees the new holder. Returns how many moved (none on a repeat).
     */
    int moveAll(long from, long to, String reference, String actor, Instant at) {
        List<Long> ids = jdbc.sql("SELECT id FROM coupon WHERE customer_id = ? ORDER BY id FOR UPDATE")
                .param(from)
                .query(Long.class)
                .list();
        move(ids, to, reference, actor, "customer " + from + " → " + to, at);
        return ids.size();
    }

    /**
     * Moves back to {@code to} the coupons that {@code holder} still holds from the move recorded as
     * {@code movedBy}, except those used on an order since that move (spent by the holder, they stay
     * spent). Each gets a MOVED row with {@code reference}. Returns how many moved back.
     */
    int moveBack(long holder, long to, String movedBy, String reference, String actor, Instant at) {
        List<Long> locked = jdbc.sql("SELECT id FROM coupon WHERE customer_id = :holder AND EXISTS (SELECT 1 FROM"
                        + " coupon_event m WHERE m.coupon_id = coupon.id AND m.type = 'MOVED' AND m.reference = :moved)"
                        + " ORDER BY id FOR UPDATE")
                .param("holder", holder)
                .param("moved", movedBy)
                .query(Long.class)
                .list();
        List<Long> back = new ArrayList<>();
        for (int i = 0; i < locked.size(); i += CHUNK) {
            back.addAll(jdbc.sql("SELECT c.id FROM coupon c WHERE c.id IN (:ids) AND NOT (c.state = 'REDEEMED'"
                            + " AND EXISTS (SELECT 1 FROM coupon_event r WHERE r.coupon_id = c.id AND r.type = 'REDEEMED'"
                            + " AND r.id > (SELECT MAX(m.id) FROM coupon_event m WHERE m.coupon_id = c.id"
                            + " AND m.type = 'MOVED' AND m.reference = :moved))) ORDER BY c.id")
                    .param("ids", locked.subList(i, Math.min(locked.size(), i + CHUNK)))
                    .param("moved", movedBy)
                    .query(Long.class)
                    .list());
        }
        move(back, to, reference, actor, "customer " + holder + " → " + to, at);
        return back.size();
    }

    private void move(List<Long> ids, long to, String reference, String actor, String note, Instant at) {
        for (int i = 0; i < ids.size(); i += CHUNK) {
            List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
            jdbc.sql("INSERT INTO coupon_event (coupon_id, type, reference, actor, note, occurred_at)"
                            + " SELECT id, 'MOVED', :reference, :actor, :note, :at FROM coupon WHERE id IN (:ids)")
                    .param("reference", reference)
                    .param("actor", actor)
                    .param("note", note)
                    .param("at", ts(at))
                    .param("ids", chunk)
                    .update();
            jdbc.sql("UPDATE coupon SET customer_id = :to WHERE id IN (:ids)")
                    .param("to", to)
                    .param("ids", chunk)
                    .update();
        }
    }

    // ---- rules

    long insertRule(CouponTrigger trigger, long templateId, BigDecimal minOrder, String actor, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO coupon_rule (trigger_kind, template_id, min_order_amount, active, created_by, created_at)"
                        + " VALUES (?, ?, ?, TRUE, ?, ?)")
                .params(trigger.name(), templateId, minOrder, actor, ts(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void activateRule(long id, boolean active) {
        jdbc.sql("UPDATE coupon_rule SET active = ? WHERE id = ?")
                .params(active, id)
                .update();
    }

    public List<CouponRuleView> rules() {
        return jdbc.sql("SELECT r.id, r.trigger_kind, r.template_id, r.min_order_amount, r.active, r.created_at,"
                        + " t.currency FROM coupon_rule r JOIN coupon_template t ON t.id = r.template_id ORDER BY r.id")
                .query((rs, n) -> new CouponRuleView(
                        rs.getLong("id"),
                        CouponTrigger.valueOf(rs.getString("trigger_kind")),
                        rs.getLong("template_id"),
                        rs.getBigDecimal("min_order_amount") == null
                                ? null
                                : new Money(rs.getBigDecimal("min_order_amount"), rs.getString("currency")),
                        rs.getBoolean("active"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    // ---- mapping

    private static CouponTemplate template(ResultSet rs, int n) throws SQLException {
        return new CouponTemplate(
                rs.getLong("id"),
                rs.getString("name"),
                CouponKind.valueOf(rs.getString("kind")),
                rs.getString("currency"),
                rs.getBigDecimal("amount_off"),
                rs.getBigDecimal("percent_off"),
                rs.getBigDecimal("max_discount"),
                rs.getBigDecimal("min_spend"),
                rs.getString("benefit"),
                split(rs.getString("categories")),
                split(rs.getString("skus")),
                instant(rs, "valid_from"),
                instant(rs, "valid_until"),
                (Integer) rs.getObject("valid_days", Integer.class),
                (Integer) rs.getObject("per_customer_limit", Integer.class),
                (Integer) rs.getObject("total_quantity", Integer.class),
                rs.getInt("issued_count"),
                rs.getBoolean("active"),
                instant(rs, "created_at"));
    }

    private static CouponView coupon(ResultSet rs, int n) throws SQLException {
        BigDecimal discount = rs.getBigDecimal("discount");
        return new CouponView(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getLong("template_id"),
                rs.getString("template_name"),
                CouponKind.valueOf(rs.getString("kind")),
                rs.getLong("customer_id"),
                CouponState.valueOf(rs.getString("state")),
                instant(rs, "valid_from"),
                instant(rs, "valid_until"),
                rs.getString("issued_via"),
                rs.getString("campaign"),
                rs.getString("redeemed_on"),
                discount == null ? null : new Money(discount, rs.getString("currency")),
                rs.getString("issued_by"),
                instant(rs, "issued_at"),
                instant(rs, "changed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static String join(List<String> values) {
        return values.isEmpty() ? null : String.join(",", values);
    }

    private static List<String> split(String value) {
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.split(","));
    }
}
