package io.guanxi.customer.domain.tags;

import io.guanxi.customer.CustomerFigureSource;
import io.guanxi.customer.TagRule;
import io.guanxi.customer.TagView;
import io.guanxi.identity.AuditTrail;
import io.guanxi.identity.ScopeFilter;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.NotFoundException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tags and the customers that carry them. Manual tags are put on and taken off by staff; a rule
 * tag is kept on exactly the customers its rule matches — for one customer whenever that customer
 * or one of its figures changes, and for everyone when the rule changes, after an import and
 * nightly (for rules on age and dates, which change with the calendar). Both are set-based SQL.
 */
@Service
@Transactional
public class Tags {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AuditTrail audit;
    private final Clock clock;
    private final ZoneId zone;
    private final org.springframework.beans.factory.ObjectProvider<CustomerFigureSource> sources;
    private volatile Map<String, String> figures;

    Tags(
            JdbcClient jdbc,
            JsonMapper json,
            AuditTrail audit,
            Clock clock,
            @Value("${guanxi.customer.zone:Asia/Shanghai}") ZoneId zone,
            org.springframework.beans.factory.ObjectProvider<CustomerFigureSource> sources) {
        this.sources = sources;
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
        this.zone = zone;
    }

    /** Every tag with the number of customers in the scope that carry it. */
    @Transactional(readOnly = true)
    public List<TagView> all(ScopeFilter scope) {
        Map<String, Object> params = new HashMap<>();
        String visible = scope.where("c.owner_id", "c.store_id", params);
        return jdbc.sql("SELECT t.id, t.name, t.description, t.rule, (SELECT COUNT(*) FROM customer_tag ct"
                        + " JOIN customer c ON c.id = ct.customer_id WHERE ct.tag_id = t.id AND c.merged_into IS NULL"
                        + " AND " + visible + ") AS customers FROM tag t ORDER BY t.name")
                .params(params)
                .query(this::map)
                .list();
    }

    /** Tag names by id (only manual tags when asked), for filters and pickers: no counting. */
    @Transactional(readOnly = true)
    public Map<Long, String> names(boolean manualOnly) {
        Map<Long, String> names = new LinkedHashMap<>();
        jdbc.sql("SELECT id, name FROM tag" + (manualOnly ? " WHERE rule IS NULL" : "") + " ORDER BY name")
                .query(rs -> {
                    names.put(rs.getLong(1), rs.getString(2));
                });
        return names;
    }

    @Transactional(readOnly = true)
    public TagView get(long id) {
        return jdbc.sql("SELECT t.id, t.name, t.description, t.rule, (SELECT COUNT(*) FROM customer_tag ct"
                        + " WHERE ct.tag_id = t.id) AS customers FROM tag t WHERE t.id = ?")
                .param(id)
                .query(this::map)
                .optional()
                .orElseThrow(() -> NotFoundException.of("Tag", id));
    }

    /** Creates a tag; with a rule it is put on every matching customer at once. */
    public TagView create(String name, String description, TagRule rule) {
        String cleanName = name(name);
        if (rule != null) {
            TagRuleSql.check(rule);
        }
        Instant now = clock.instant();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO tag (name, description, rule, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
                    .params(
                            cleanName,
                            description,
                            rule == null ? null : json.writeValueAsString(rule),
                            Timestamp.from(now),
                            Timestamp.from(now))
                    .update(keys, "id");
        } catch (DuplicateKeyException e) {
            throw ConflictException.because("A tag called \"" + cleanName + "\" exists already");
        }
        long id = keys.getKey().longValue();
        audit.record(
                "TAG_CREATED", "tag", id, cleanName + (rule == null ? "" : " rule=" + json.writeValueAsString(rule)));
        if (rule != null) {
            refresh(id, rule, null);
        }
        return get(id);
    }

    /** Changes a tag's name, description or rule; a changed rule is applied to everyone at once. */
    public TagView change(long id, String name, String description, TagRule rule) {
        TagView before = get(id);
        if (before.automatic() != (rule != null)) {
            throw InvalidRequestException.forField("rule", "a manual tag stays manual and a rule tag keeps a rule");
        }
        if (rule != null) {
            TagRuleSql.check(rule);
        }
        try {
            jdbc.sql("UPDATE tag SET name = ?, description = ?, rule = ?, updated_at = ? WHERE id = ?")
                    .params(
                            name(name),
                            description,
                            rule == null ? null : json.writeValueAsString(rule),
                            Timestamp.from(clock.instant()),
                            id)
                    .update();
        } catch (DuplicateKeyException e) {
            throw ConflictException.because("A tag called \"" + name + "\" exists already");
        }
        audit.record("TAG_CHANGED", "tag", id, name);
        if (rule != null) {
            refresh(id, rule, null);
        }
        return get(id);
    }

    public void delete(long id) {
        TagView tag = get(id);
        jdbc.sql("DELETE FROM tag WHERE id = ?").param(id).update();
        audit.record("TAG_DELETED", "tag", id, tag.name());
    }

    /** The tags on one customer, by name. */
    @Transactional(readOnly = true)
    public List<TagView> of(long customerId) {
        return jdbc.sql("SELECT t.id, t.name, t.description, t.rule, 1 AS customers FROM tag t"
                        + " JOIN customer_tag ct ON ct.tag_id = t.id WHERE ct.customer_id = ? ORDER BY t.name")
                .param(customerId)
                .query(this::map)
                .list();
    }

    /** Puts a manual tag on a customer (nothing happens when it is there already). */
    public void tag(long customerId, long tagId, String by) {
        if (get(tagId).automatic()) {
            throw InvalidRequestException.forField("tagId", "rule tags are given by their rule, not by hand");
        }
        int present = jdbc.sql("SELECT COUNT(*) FROM customer_tag WHERE customer_id = ? AND tag_id = ?")
                .params(customerId, tagId)
                .query(Integer.class)
                .single();
        if (present == 0) {
            jdbc.sql("INSERT INTO customer_tag (customer_id, tag_id, tagged_at, tagged_by) VALUES (?, ?, ?, ?)")
                    .params(customerId, tagId, Timestamp.from(clock.instant()), by)
                    .update();
            audit.record("CUSTOMER_TAGGED", "customer", customerId, "tag " + tagId);
        }
    }

    public void untag(long customerId, long tagId) {
        if (get(tagId).automatic()) {
            throw InvalidRequestException.forField("tagId", "rule tags are taken off by their rule, not by hand");
        }
        if (jdbc.sql("DELETE FROM customer_tag WHERE customer_id = ? AND tag_id = ?")
                        .params(customerId, tagId)
                        .update()
                > 0) {
            audit.record("CUSTOMER_UNTAGGED", "customer", customerId, "tag " + tagId);
        }
    }

    /** Re-applies every rule tag to one customer (after the customer or one of its figures changed). */
    public void refreshCustomer(long customerId) {
        rules().forEach((id, rule) -> refresh(id, rule, List.of(customerId)));
    }

    /**
     * Re-applies to these customers, set-based, the rule tags that read figures ({@code metric.} or
     * {@code since.} conditions): the others cannot change when only figures do.
     */
    public void refreshFigureRules(java.util.Collection<Long> customerIds) {
        if (customerIds.isEmpty()) {
            return;
        }
        rules().forEach((id, rule) -> {
            if (TagRuleSql.readsFigures(rule)) {
                refresh(id, rule, customerIds);
            }
        });
    }

    /** Re-applies every rule tag to every customer; answers how many tags were added and removed. */
    public long refreshAll() {
        long changed = 0;
        for (Map.Entry<Long, TagRule> e : rules().entrySet()) {
            changed += refresh(e.getKey(), e.getValue(), null);
        }
        return changed;
    }

    /** Records figures about a customer from another module and re-applies the rules to it. */
    public void recordMetrics(long customerId, Map<String, BigDecimal> metrics) {
        Timestamp now = Timestamp.from(clock.instant());
        metrics.forEach((metric, value) -> {
            int updated = jdbc.sql(
                            "UPDATE customer_metric SET metric_value = ?, updated_at = ? WHERE customer_id = ? AND metric = ?")
                    .params(value, now, customerId, metric)
                    .update();
            if (updated == 0) {
                jdbc.sql(
                                "INSERT INTO customer_metric (customer_id, metric, metric_value, updated_at) VALUES (?, ?, ?, ?)")
                        .params(customerId, metric, value, now)
                        .update();
            }
        });
        refreshCustomer(customerId);
    }

    /** The figures other modules keep, by name, as SQL over the customer row {@code c}. */
    private Map<String, String> figures() {
        Map<String, String> known = figures;
        if (known == null) {
            Map<String, String> all = new java.util.TreeMap<>();
            sources.orderedStream().forEach(source -> all.putAll(source.figureSql()));
            known = Map.copyOf(all);
            figures = known;
        }
        return known;
    }

    /** A customer's figures, recorded ones and those other modules keep, by name. */
    @Transactional(readOnly = true)
    public Map<String, BigDecimal> metrics(long customerId) {
        Map<String, BigDecimal> metrics = new java.util.TreeMap<>();
        jdbc.sql("SELECT metric, metric_value FROM customer_metric WHERE customer_id = ?")
                .param(customerId)
                .query(rs -> {
                    metrics.put(rs.getString(1), rs.getBigDecimal(2).stripTrailingZeros());
                });
        List<Map.Entry<String, String>> kept = List.copyOf(figures().entrySet());
        if (!kept.isEmpty()) {
            StringBuilder select = new StringBuilder("SELECT ");
            for (int i = 0; i < kept.size(); i++) {
                select.append(i == 0 ? "" : ", ").append(kept.get(i).getValue());
            }
            jdbc.sql(select.append(" FROM customer c WHERE c.id = ?").toString())
                    .param(customerId)
                    .query(rs -> {
                        for (int i = 0; i < kept.size(); i++) {
                            BigDecimal value = rs.getBigDecimal(i + 1);
                            if (value != null) {
                                metrics.put(kept.get(i).getKey(), value.stripTrailingZeros());
                            }
                        }
                    });
        }
        return metrics;
    }

    private Map<Long, TagRule> rules() {
        Map<Long, TagRule> rules = new LinkedHashMap<>();
        jdbc.sql("SELECT id, rule FROM tag WHERE rule IS NOT NULL ORDER BY id").query(rs -> {
            rules.put(rs.getLong(1), json.readValue(rs.getString(2), TagRule.class));
        });
        return rules;
    }

    /** Two set-based statements: take the tag off customers the rule no longer matches, put it on new matches. */
    private long refresh(long tagId, TagRule rule, java.util.Collection<Long> customerIds) {
        Map<String, Object> params = new HashMap<>();
        String matches = TagRuleSql.where(rule, params, clock.instant(), zone, figures());
        params.put("tag", tagId);
        params.put("now", Timestamp.from(clock.instant()));
        String one = "";
        if (customerIds != null) { // one array parameter, not as many binds as customers in an import batch
            params.put("customers", customerIds.toArray(Long[]::new));
            one = " AND c.id = ANY(:customers)";
        }
        int removed = jdbc.sql("DELETE FROM customer_tag WHERE tag_id = :tag"
                        + (customerIds == null ? "" : " AND customer_id = ANY(:customers)")
                        + " AND NOT EXISTS (SELECT 1 FROM customer c WHERE c.id = customer_tag.customer_id"
                        + " AND c.merged_into IS NULL AND " + matches + ")")
                .params(params)
                .update();
        int added = jdbc.sql(
                        "INSERT INTO customer_tag (customer_id, tag_id, tagged_at, tagged_by)"
                                + " SELECT c.id, :tag, :now, 'rule' FROM customer c WHERE c.merged_into IS NULL" + one
                                + " AND " + matches
                                + " AND NOT EXISTS (SELECT 1 FROM customer_tag t WHERE t.customer_id = c.id AND t.tag_id = :tag)")
                .params(params)
                .update();
        return removed + added;
    }

    private static String name(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 60) {
            throw InvalidRequestException.forField("name", "must be 1 to 60 characters");
        }
        return clean;
    }

    private TagView map(ResultSet rs, int n) throws SQLException {
        String rule = rs.getString("rule");
        return new TagView(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("description"),
                rule == null ? null : json.readValue(rule, TagRule.class),
                rs.getLong("customers"));
    }
}
