package io.guanxi.loyalty.domain;

import io.guanxi.loyalty.Membership;
import io.guanxi.loyalty.QualifyingPurchases;
import io.guanxi.loyalty.TierBenefits;
import io.guanxi.loyalty.TierProgramme;
import io.guanxi.loyalty.TierView;
import io.guanxi.loyalty.WindowActivity;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tier programme, customers' tier state (on {@code points_account}) and
 * tier history in the database. Reads and writes for many customers go one chunk at a time with IN
 * lists and JDBC batches, never one statement per customer.
 */
@Repository
public class Tiers {

    static final int CHUNK = 1000;
    /** The tier new members start in (their accounts are opened in it). */
    static final String DEFAULT_TIER = "STANDARD";

    private final JdbcClient jdbc;
    private final io.guanxi.shared.persistence.BulkRows bulk;

    private final PointsAccounts accounts;
    private final ObjectProvider<QualifyingPurchases> purchases;

    Tiers(
            JdbcClient jdbc,
            javax.sql.DataSource dataSource,
            PointsAccounts accounts,
            ObjectProvider<QualifyingPurchases> purchases) {
        this.bulk = new io.guanxi.shared.persistence.BulkRows(dataSource);
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.purchases = purchases;
    }

    public TierProgramme programme() {
        Map<String, List<TierBenefits.Reduction>> reductions = new HashMap<>();
        jdbc.sql("SELECT tier_code, spend_from, amount_off FROM loyalty_tier_reduction ORDER BY spend_from")
                .query(rs -> {
                    reductions
                            .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new TierBenefits.Reduction(rs.getBigDecimal(2), rs.getBigDecimal(3)));
                });
        List<TierView> tiers = jdbc.sql("SELECT code, tier_rank, name_zh, name_en, min_spend, min_orders, min_points,"
                        + " points_multiplier, discount_rate, birthday_pack, birthday_points, free_services,"
                        + " priority_service, dedicated_advisor, birthday_coupon_template_id FROM loyalty_tier"
                        + " ORDER BY tier_rank")
                .query((rs, n) -> tier(rs, reductions.getOrDefault(rs.getString("code"), List.of())))
                .list();
        return jdbc.sql("SELECT window_months, grace_days FROM loyalty_tier_policy WHERE id = 1")
                .query((rs, n) -> new TierProgramme(rs.getInt(1), rs.getInt(2), tiers))
                .single();
    }

    private static TierView tier(ResultSet rs, List<TierBenefits.Reduction> reductions) throws SQLException {
        return new TierView(
                rs.getString("code"),
                rs.getInt("tier_rank"),
                rs.getString("name_zh"),
                rs.getString("name_en"),
                rs.getBigDecimal("min_spend"),
                (Integer) rs.getObject("min_orders", Integer.class),
                (Long) rs.getObject("min_points", Long.class),
                rs.getBigDecimal("points_multiplier"),
                new TierBenefits(
                        rs.getBigDecimal("discount_rate"),
                        reductions,
                        rs.getString("birthday_pack"),
                        rs.getLong("birthday_points"),
                        rs.getString("free_services"),
                        rs.getBoolean("priority_service"),
                        rs.getBoolean("dedicated_advisor"),
                        rs.getObject("birthday_coupon_template_id", Long.class)));
    }

    /** Replaces the programme; tiers no longer listed are removed (the caller checks nobody holds them). */
    public void replace(TierProgramme programme, String actor, Instant now) {
        jdbc.sql("UPDATE loyalty_tier_policy SET window_months = ?, grace_days = ?, updated_by = ?, updated_at = ?"
                        + " WHERE id = 1")
                .params(programme.windowMonths(), programme.graceDays(), actor, Timestamp.from(now))
                .update();
        jdbc.sql("DELETE FROM loyalty_tier_reduction").update();
        List<String> codes = programme.tiers().stream().map(TierView::code).toList();
        jdbc.sql("DELETE FROM loyalty_tier WHERE code NOT IN (:codes)")
                .param("codes", codes)
                .update();
        jdbc.sql("UPDATE loyalty_tier SET tier_rank = -tier_rank").update();
        for (TierView t : programme.tiers()) {
            TierBenefits b = t.benefits();
            Object[] values = {
                t.rank(),
                t.nameZh(),
                t.nameEn(),
                t.minSpend(),
                t.minOrders(),
                t.minPoints(),
                t.pointsMultiplier(),
                b.discountRate(),
                b.birthdayPack(),
                b.birthdayPoints(),
                b.freeServices(),
                b.priorityService(),
                b.dedicatedAdvisor(),
                b.birthdayCouponTemplateId(),
                t.code()
            };
            int updated = jdbc.sql("UPDATE loyalty_tier SET tier_rank = ?, name_zh = ?, name_en = ?, min_spend = ?,"
                            + " min_orders = ?, min_points = ?, points_multiplier = ?, discount_rate = ?,"
                            + " birthday_pack = ?, birthday_points = ?, free_services = ?, priority_service = ?,"
                            + " dedicated_advisor = ?, birthday_coupon_template_id = ? WHERE code = ?")
                    .params(values)
                    .update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO loyalty_tier (tier_rank, name_zh, name_en, min_spend, min_orders, min_points,"
                                + " points_multiplier, discount_rate, birthday_pack, birthday_points, free_services,"
                                + " priority_service, dedicated_advisor, birthday_coupon_template_id, code)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(values)
                        .update();
            }
            for (TierBenefits.Reduction r : b.reductions()) {
                jdbc.sql("INSERT INTO loyalty_tier_reduction (tier_code, spend_from, amount_off) VALUES (?, ?, ?)")
                        .params(t.code(), r.spendFrom(), r.amountOff())
                        .update();
            }
        }
    }

    /** Which of these coupon templates exist. */
    public java.util.Set<Long> existingCouponTemplates(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("SELECT id FROM coupon_template WHERE id IN (:ids)")
                .param("ids", List.copyOf(ids))
                .query(Long.class)
                .list());
    }

    /** The tier of each customer that has an account (customers without one hold the lowest tier). */
    public Map<Long, String> tiersOf(Collection<Long> customerIds) {
        Map<Long, String> tiers = new HashMap<>();
        states(List.copyOf(customerIds), "").forEach((id, state) -> tiers.put(id, state.tier()));
        return tiers;
    }

    /** The points multiplier of a tier, if the tier is configured. */
    public java.util.Optional<BigDecimal> multiplier(String code) {
        return jdbc.sql("SELECT points_multiplier FROM loyalty_tier WHERE code = ?")
                .param(code)
                .query(BigDecimal.class)
                .optional();
    }

    /** Whether any customer holds a tier. */
    public boolean held(String code) {
        return jdbc.sql("SELECT COUNT(*) FROM (SELECT 1 FROM points_account WHERE tier = ? LIMIT 1) x")
                        .param(code)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Qualifying purchases per customer over {@code from}..{@code to} (customers without any are absent). */
    public Map<Long, WindowActivity> windows(Collection<Long> customerIds, LocalDate from, LocalDate to) {
        QualifyingPurchases source = purchases.getIfAvailable();
        if (customerIds.isEmpty() || source == null) {
            return Map.of();
        }
        Map<Long, WindowActivity> result = new HashMap<>();
        for (List<Long> chunk : chunks(customerIds)) {
            result.putAll(source.within(chunk, from, to));
        }
        return result;
    }

    /**
     * The tier state of customers under row locks (in id order, so two batches never deadlock),
     * opening accounts that do not exist yet (then locked the same way; most exist, and an import
     * batch's points have just opened the others).
     */
    public Map<Long, TierRules.State> lock(Collection<Long> customerIds, Instant now) {
        return accounts.lockOpeningMissing(
                customerIds.stream().distinct().sorted().toList(),
                ids -> states(ids, " ORDER BY customer_id FOR UPDATE"),
                now);
    }

    /** The tier state of one customer as it is now (the lowest tier when no account exists). */
    public TierRules.State read(long customerId) {
        return states(List.of(customerId), "")
                .getOrDefault(customerId, new TierRules.State(customerId, DEFAULT_TIER, null, null, null));
    }

    private Map<Long, TierRules.State> states(List<Long> ids, String suffix) {
        Map<Long, TierRules.State> states = new HashMap<>();
        for (List<Long> chunk : chunks(ids)) {
            jdbc.sql("SELECT customer_id, tier, COALESCE(tier_since, created_at) AS since, tier_review_on,"
                            + " tier_downgrade_on FROM points_account WHERE customer_id = ANY(:ids)" + suffix)
                    .param("ids", chunk.toArray(Long[]::new))
                    .query(rs -> {
                        Date review = rs.getDate("tier_review_on");
                        Date downgrade = rs.getDate("tier_downgrade_on");
                        states.put(
                                rs.getLong("customer_id"),
                                new TierRules.State(
                                        rs.getLong("customer_id"),
                                        rs.getString("tier"),
                                        rs.getTimestamp("since").toInstant(),
                                        review == null ? null : review.toLocalDate(),
                                        downgrade == null ? null : downgrade.toLocalDate()));
                    });
        }
        return states;
    }

    /** A decided change for one customer. */
    public record Decided(TierRules.State before, TierRules.Outcome after) {}

    /**
     * Writes the decided states and, for tier changes, the history: one set-based statement each on
     * PostgreSQL (an import changes tens of thousands of tiers), a batch elsewhere.
     */
    public void apply(List<Decided> decisions, String actor, Instant now) {
        List<Object[]> states = new ArrayList<>(decisions.size());
        List<Object[]> changes = new ArrayList<>();
        for (Decided d : decisions) {
            TierRules.Outcome after = d.after();
            states.add(new Object[] {
                after.tier(),
                after.restarted() ? now : null,
                after.reviewOn(),
                after.downgradeOn(),
                d.before().customerId()
            });
            if (after.reason() != null) {
                changes.add(new Object[] {
                    d.before().customerId(), d.before().tier(), after.tier(), after.reason(), now, actor
                });
            }
        }
        bulk.execute(
                "WITH u AS MATERIALIZED (SELECT * FROM unnest(?::varchar[], ?::timestamptz[], ?::date[], ?::date[],"
                        + " ?::int8[]) AS u(t, s, r, d, c)) UPDATE points_account a SET tier = u.t,"
                        + " tier_since = COALESCE(u.s, a.tier_since), tier_review_on = u.r, tier_downgrade_on = u.d"
                        + " FROM u WHERE a.customer_id = u.c" + PointsAccounts.ONLY_THESE,
                List.of("varchar", "timestamptz", "date", "date", "int8"),
                "UPDATE points_account SET tier = ?, tier_since = COALESCE(?, tier_since), tier_review_on = ?,"
                        + " tier_downgrade_on = ? WHERE customer_id = ?",
                states);
        bulk.execute(
                "INSERT INTO loyalty_tier_change (customer_id, from_tier, to_tier, reason, occurred_at, actor)"
                        + " SELECT * FROM unnest(?::int8[], ?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[],"
                        + " ?::varchar[])",
                List.of("int8", "varchar", "varchar", "varchar", "timestamptz", "varchar"),
                "INSERT INTO loyalty_tier_change (customer_id, from_tier, to_tier, reason, occurred_at, actor)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                changes);
    }

    /** Customers with an evaluation or the end of a grace period due by {@code today}, in id order. */
    public List<Long> due(LocalDate today, long afterId, int limit) {
        return jdbc.sql("SELECT customer_id FROM points_account WHERE (tier_review_on <= :today"
                        + " OR tier_downgrade_on <= :today) AND customer_id > :after ORDER BY customer_id LIMIT :limit")
                .param("today", Date.valueOf(today))
                .param("after", afterId)
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    public List<Membership.Change> history(long customerId, int limit) {
        return jdbc.sql("SELECT from_tier, to_tier, reason, occurred_at, actor FROM loyalty_tier_change"
                        + " WHERE customer_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?")
                .params(customerId, limit)
                .query((rs, n) -> new Membership.Change(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getString(5)))
                .list();
    }

    static List<List<Long>> chunks(Collection<Long> ids) {
        List<Long> list = new ArrayList<>(ids);
        if (list.isEmpty()) {
            return Collections.emptyList();
        }
        List<List<Long>> chunks = new ArrayList<>();
        for (int i = 0; i < list.size(); i += CHUNK) {
            chunks.add(list.subList(i, Math.min(list.size(), i + CHUNK)));
        }
        return chunks;
    }

    static Map<String, TierView> byCode(TierProgramme programme) {
        return programme.tiers().stream().collect(Collectors.toMap(TierView::code, t -> t));
    }

    static BigDecimal zeroIfNull(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
