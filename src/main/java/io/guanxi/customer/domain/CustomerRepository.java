package io.guanxi.customer.domain;

import io.guanxi.customer.CustomerKind;
import io.guanxi.customer.CustomerStats;
import io.guanxi.customer.CustomerView;
import io.guanxi.customer.Gender;
import io.guanxi.customer.PartyType;
import io.guanxi.customer.SourceChannel;
import io.guanxi.identity.ScopeFilter;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.PageResult;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Customer persistence. Every read takes the caller's {@link ScopeFilter} and applies it in SQL. */
@Repository
public class CustomerRepository {

    /** Sorting by name reads the search key (the name in lower case), whose index serves the prefix search too. */
    public static final Map<String, String> SORT_COLUMNS =
            Map.of("displayName", "name_search", "createdAt", "created_at", "city", "city", "kind", "kind");

    static final String COLUMNS = "id, party_type, kind, display_name, family_name, given_name, gender, birthday,"
            + " phone, email, province, city, district, street, postcode, id_number, source_channel, store_id, owner_id,"
            + " created_at, updated_at, version";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final PersonalData personal;

    CustomerRepository(JdbcClient jdbc, JdbcTemplate template, PersonalData personal) {
        this.jdbc = jdbc;
        this.template = template;
        this.personal = personal;
    }

    public long insert(Customer customer) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO customer (" + CustomerRow.COLUMN_LIST + ", version) VALUES (" + CustomerRow.PLACEHOLDERS
                        + ", 0)")
                .params(CustomerRow.values(customer.view(), personal))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public void update(Customer customer) {
        CustomerView c = customer.view();
        Object[] values = CustomerRow.values(c, personal);
        Object[] params = java.util.Arrays.copyOf(values, values.length + 2);
        params[values.length] = c.id();
        params[values.length + 1] = c.version();
        int rows = jdbc.sql("UPDATE customer SET " + CustomerRow.ASSIGNMENTS
                        + ", version = version + 1 WHERE id = ? AND version = ?")
                .params(params)
                .update();
        if (rows != 1) {
            throw new OptimisticLockingFailureException("Customer " + c.id() + " was changed concurrently");
        }
    }

    /** Saves many changed customers in one batch; fails when any of them was changed concurrently. */
    public void updateAll(List<Customer> changed) {
        if (changed.isEmpty()) {
            return;
        }
        List<Object[]> rows = changed.stream()
                .map(customer -> {
                    CustomerView c = customer.view();
                    Object[] values = CustomerRow.values(c, personal);
                    Object[] params = java.util.Arrays.copyOf(values, values.length + 2);
                    params[values.length] = c.id();
                    params[values.length + 1] = c.version();
                    return params;
                })
                .toList();
        int[][] counts = template.batchUpdate(
                "UPDATE customer SET " + CustomerRow.ASSIGNMENTS
                        + ", version = version + 1 WHERE id = ? AND version = ?",
                rows,
                rows.size(),
                (ps, params) -> {
                    for (int i = 0; i < params.length; i++) {
                        ps.setObject(i + 1, params[i]);
                    }
                });
        for (int[] batch : counts) {
            for (int count : batch) {
                if (count == 0) {
                    throw new OptimisticLockingFailureException("A customer was changed concurrently");
                }
            }
        }
    }

    /** Where a customer belongs: what matching a reference to it needs (the data scope). */
    public record Placed(long id, Long ownerId, Long storeId) {}

    /**
     * {@link #findByExternalIds} reading only id, owner and store: what matching needs, without
     * reading (and decrypting) the rest of each customer.
     */
    public Map<String, Placed> placedByExternalIds(String source, java.util.Collection<String> externalIds) {
        return byExternalIds(
                source,
                externalIds,
                "c.id, c.owner_id, c.store_id",
                (rs, n) -> new Placed(
                        rs.getLong("id"), rs.getObject("owner_id", Long.class), rs.getObject("store_id", Long.class)));
    }

    /**
     * The ids of the customers that ids in a source system name, keyed by that id, from the external
     * ids alone: what matching needs for a user who sees every customer. An external id always names
     * a customer that is not merged away (a merge moves the merged customer's ids to the one it keeps,
     * undoing it moves them back, erasure deletes them), so the customer rows are not read.
     */
    public Map<String, Long> idsByExternalIds(String source, java.util.Collection<String> externalIds) {
        Map<String, Long> found = new HashMap<>();
        if (externalIds.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT external_id, customer_id FROM customer_external_id WHERE external_id = ANY(:ids)"
                        + " AND source = :source")
                .param("source", source)
                .param("ids", externalIds.toArray(String[]::new))
                .query(rs -> {
                    found.put(rs.getString(1), rs.getLong(2));
                });
        return found;
    }

    /**
     * Customers (not merged away) by their id in a source system, keyed by that id. The ids go as one
     * array parameter: an import batch asks for 20,000 at a time, which as an {@code IN} list would
     * be as many parameters to bind and plan.
     */
    public Map<String, Customer> findByExternalIds(String source, java.util.Collection<String> externalIds) {
        return byExternalIds(source, externalIds, "c.*", (rs, n) -> Customer.restore(map(rs, 0)));
    }

    /** The {@code columns} of customers (not merged away) by their id in a source system, keyed by that id. */
    private <T> Map<String, T> byExternalIds(
            String source,
            java.util.Collection<String> externalIds,
            String columns,
            org.springframework.jdbc.core.RowMapper<T> customer) {
        Map<String, T> found = new HashMap<>();
        if (externalIds.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT e.external_id AS match_value, " + columns + " FROM customer_external_id e"
                        + " JOIN customer c ON c.id = e.customer_id"
                        + " WHERE e.external_id = ANY(:ids) AND e.source = :source AND c.merged_into IS NULL")
                .param("source", source)
                .param("ids", externalIds.toArray(String[]::new))
                .query(rs -> {
                    found.put(rs.getString("match_value"), customer.mapRow(rs, 0));
                });
        return found;
    }

    /**
     * Customers (not merged away) whose phone, email or identity number is one of the values, grouped
     * by that value: more than one customer under a value means the value does not identify one. The
     * values are normalised; they are found through their keyed hashes.
     */
    public Map<String, List<Customer>> findByContact(String field, java.util.Collection<String> values) {
        PersonalData.Field sealed = switch (field) {
            case "phone" -> PersonalData.Field.PHONE;
            case "email" -> PersonalData.Field.EMAIL;
            case "idNumber" -> PersonalData.Field.ID_NUMBER;
            default -> throw new IllegalArgumentException("Not a contact field: " + field);
        };
        Map<String, List<Customer>> found = new HashMap<>();
        if (values.isEmpty()) {
            return found;
        }
        java.util.Set<String> wanted = new java.util.HashSet<>(values);
        List<String> hashes = new java.util.ArrayList<>(values.size());
        for (String value : wanted) {
            hashes.addAll(personal.lookupHashes(sealed, value));
        }
        for (int from = 0; from < hashes.size(); from += IN_CHUNK) {
            jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE " + hashColumn(sealed)
                            + " IN (:hashes) AND merged_into IS NULL")
                    .param("hashes", hashes.subList(from, Math.min(hashes.size(), from + IN_CHUNK)))
                    .query(rs -> {
                        CustomerView view = map(rs, 0);
                        String key = switch (sealed) {
                            case PHONE -> view.phone();
                            case EMAIL -> view.email();
                            default -> view.idNumber();
                        };
                        if (wanted.contains(key)) { // a 128-bit hash collision would otherwise slip through
                            found.computeIfAbsent(key, k -> new java.util.ArrayList<>())
                                    .add(Customer.restore(view));
                        }
                    });
        }
        return found;
    }

    /** PostgreSQL takes at most 32,767 bind parameters per statement. */
    private static final int IN_CHUNK = 10_000;

    private static String hashColumn(PersonalData.Field field) {
        return switch (field) {
            case PHONE -> "phone_hash";
            case EMAIL -> "email_hash";
            case ID_NUMBER -> "id_number_hash";
            default -> throw new IllegalArgumentException("No hash for " + field);
        };
    }

    /** The customer, or a 404 when it does not exist or lies outside the scope (the two look alike on purpose). */
    public Customer requireVisible(long id, ScopeFilter scope) {
        return find(id, scope).orElseThrow(() -> io.guanxi.shared.NotFoundException.of("Customer", id));
    }

    /** The display names of those of the customers that exist, are not merged away and lie inside the scope. */
    public Map<Long, String> displayNames(java.util.Collection<Long> ids, ScopeFilter scope) {
        Map<Long, String> names = new HashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        Map<String, Object> params = new HashMap<>();
        params.put("ids", ids);
        jdbc.sql("SELECT id, display_name FROM customer WHERE id IN (:ids) AND merged_into IS NULL AND "
                        + scope.where("owner_id", "store_id", params))
                .params(params)
                .query(rs -> {
                    names.put(rs.getLong(1), rs.getString(2));
                });
        return names;
    }

    public Optional<Customer> find(long id, ScopeFilter scope) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE id = :id AND merged_into IS NULL AND "
                        + scope.where("owner_id", "store_id", params))
                .params(params)
                .query(this::map)
                .optional()
                .map(Customer::restore);
    }

    /** A record whatever its state, merged away or not (erasure reaches the hidden duplicates too). */
    public Optional<Customer> findRecord(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE id = ?")
                .param(id)
                .query(this::map)
                .optional()
                .map(Customer::restore);
    }

    /** The customer itself, or the survivor it was merged into (following merges of merges); empty when unknown. */
    public Optional<Long> survivorOf(long id) {
        long current = id;
        for (int hops = 0; hops < 100; hops++) {
            Optional<Optional<Long>> row = jdbc.sql("SELECT merged_into FROM customer WHERE id = ?")
                    .param(current)
                    .query((rs, i) -> Optional.ofNullable(rs.getObject(1, Long.class)))
                    .optional();
            if (row.isEmpty()) {
                return Optional.empty();
            }
            if (row.get().isEmpty()) {
                return Optional.of(current);
            }
            current = row.get().get();
        }
        throw new IllegalStateException("Customer " + id + " is merged in a cycle");
    }

    /** The records merged into a customer, directly or through merges of merges (hidden, kept for undo). */
    public java.util.Set<Long> mergedInto(long id) {
        java.util.Set<Long> found = new java.util.TreeSet<>();
        List<Long> frontier = List.of(id);
        while (!frontier.isEmpty()) {
            frontier = jdbc
                    .sql("SELECT id FROM customer WHERE merged_into IN (:ids)")
                    .param("ids", frontier)
                    .query(Long.class)
                    .list()
                    .stream()
                    .filter(found::add)
                    .toList();
        }
        found.remove(id);
        return found;
    }

    /** Customers in scope matching a name prefix/substring or a phone fragment, one page at a time. */
    public PageResult<CustomerView> search(ScopeFilter scope, CustomerQuery query, PageQuery page) {
        Map<String, Object> params = new HashMap<>();
        String q = ContactNormaliser.text(query.q());
        String where = filter(scope, query, params);
        // A search term counts its matches only up to a cap: a short prefix (two initials) matches
        // thousands of customers scattered over the whole table, and counting them all would read
        // a table page for each.
        long total = jdbc.sql(
                        q == null
                                ? "SELECT COUNT(*) FROM customer" + where
                                : "SELECT COUNT(*) FROM (SELECT 1 FROM customer" + where + " LIMIT "
                                        + (SEARCH_COUNT_CAP + 1) + ") m")
                .params(params)
                .query(Long.class)
                .single();
        boolean capped = q != null && total > SEARCH_COUNT_CAP;
        // With a search term that matches a few, the matches come from the name, phone or email
        // indexes; the OFFSET 0 fence keeps PostgreSQL from walking the sort order's index instead and
        // filtering most of the table. When it matches many, walking the sort order finds a page soon.
        String source = q == null || capped ? "customer" + where : "(SELECT * FROM customer" + where + " OFFSET 0) c";
        List<CustomerView> rows = jdbc.sql(
                        "SELECT " + COLUMNS + " FROM " + source + page.orderBy(SORT_COLUMNS, "id DESC"))
                .params(params)
                .query(this::map)
                .list();
        return PageResult.of(rows, page, capped ? SEARCH_COUNT_CAP : total, capped);
    }

    /** How many matches of a search are counted at most. */
    static final int SEARCH_COUNT_CAP = 1_000;

    /** The WHERE clause of a list or export: scope, search text, kind, store and tag. */
    private String filter(ScopeFilter scope, CustomerQuery query, Map<String, Object> params) {
        String q = ContactNormaliser.text(query.q());
        CustomerKind kind = query.kind();
        Long storeId = query.storeId();
        StringBuilder where = new StringBuilder(" WHERE merged_into IS NULL AND ")
                .append(scope.where("owner_id", "store_id", params));
        if (q != null) {
            List<Long> byExternalId = jdbc.sql("SELECT customer_id FROM customer_external_id WHERE external_id = ?")
                    .param(q)
                    .query(Long.class)
                    .list();
            if (byExternalId.isEmpty()) {
                where.append(" AND ").append(matching(q, params, personal));
            } else {
                where.append(" AND id IN (:external_ids)");
                params.put("external_ids", byExternalId);
            }
        }
        if (kind != null) {
            where.append(" AND kind = :kind");
            params.put("kind", kind.name());
        }
        if (storeId != null) {
            where.append(" AND store_id = :store");
            params.put("store", storeId);
        }
        if (query.tagId() != null) {
            where.append(" AND id IN (SELECT customer_id FROM customer_tag WHERE tag_id = :tag)");
            params.put("tag", query.tagId());
        }
        int f = 0;
        for (Map.Entry<String, String> field : query.fields().entrySet()) {
            where.append(" AND id IN (SELECT v.customer_id FROM customer_field_value v JOIN custom_field f")
                    .append(" ON f.id = v.field_id WHERE f.field_key = :field_key_")
                    .append(f)
                    .append(" AND LOWER(v.text_value) = LOWER(:field_value_")
                    .append(f)
                    .append("))");
            params.put("field_key_" + f, field.getKey());
            params.put("field_value_" + f, field.getValue().strip());
            f++;
        }
        return where.toString();
    }

    /**
     * Every customer of a list (same filters as {@link #search}), oldest first, streamed from a
     * cursor so that an export of any size holds one row at a time. Call inside a transaction.
     */
    public long forEach(ScopeFilter scope, CustomerQuery query, java.util.function.Consumer<CustomerView> row) {
        Map<String, Object> params = new HashMap<>();
        String where = filter(scope, query, params);
        long[] count = {0};
        jdbc.sql("SELECT " + COLUMNS + " FROM customer" + where + " ORDER BY id")
                .params(params)
                .withFetchSize(1000)
                .query(rs -> {
                    row.accept(map(rs, 0));
                    count[0]++;
                });
        return count[0];
    }

    /**
     * What a search box query means: a phone number in any format (exact match on its E.164 form), an
     * email address, or the beginning of a name — in characters, pinyin or pinyin initials. (An exact
     * external id is looked up before.) Every branch is an indexed lookup; phones and emails are
     * encrypted, so they are found by the keyed hashes of their normalised form.
     */
    static String matching(String q, Map<String, Object> params, PersonalData personal) {
        String digits = q.replaceAll("[^0-9]", "");
        boolean phoneLike = digits.length() >= 7 && q.matches("[0-9+()\\s.-]+");
        if (phoneLike) {
            String phone;
            try {
                phone = ContactNormaliser.phone(q);
            } catch (io.guanxi.shared.InvalidRequestException e) {
                phone = "+" + digits;
            }
            params.put("phone", personal.lookupHashes(PersonalData.Field.PHONE, phone));
            return "phone_hash IN (:phone)";
        }
        if (q.contains("@")) {
            params.put("email", personal.lookupHashes(PersonalData.Field.EMAIL, q.toLowerCase()));
            return "email_hash IN (:email)";
        }
        String lower = q.toLowerCase();
        params.put("name_prefix", escapeLike(lower) + "%");
        String latin = lower.replaceAll("[^a-z0-9]", "");
        StringBuilder clause = new StringBuilder("(name_search LIKE :name_prefix");
        if (!latin.isEmpty() && latin.length() == lower.replace(" ", "").length()) {
            params.put("latin_prefix", latin + "%");
            clause.append(" OR name_pinyin LIKE :latin_prefix OR name_initials LIKE :latin_prefix");
        }
        return clause.append(')').toString();
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Counts as of {@code now}: new customers are those of the last 30 days. */
    public CustomerStats stats(ScopeFilter scope, Instant now) {
        Instant since = now.minus(java.time.Duration.ofDays(30));
        Map<String, Object> params = new HashMap<>();
        String where = " WHERE merged_into IS NULL AND " + scope.where("owner_id", "store_id", params);
        params.put("since", Timestamp.from(since));
        Map<String, Object> totals = jdbc.sql("SELECT COUNT(*) AS total,"
                        + " SUM(CASE WHEN created_at >= :since THEN 1 ELSE 0 END) AS recent,"
                        + " SUM(CASE WHEN owner_id IS NULL THEN 1 ELSE 0 END) AS pool FROM customer" + where)
                .params(params)
                .query()
                .singleRow();
        Map<CustomerKind, Long> byKind = new EnumMap<>(CustomerKind.class);
        grouped("kind", where, params, 10).forEach((k, v) -> byKind.put(CustomerKind.valueOf(k), v));
        Map<SourceChannel, Long> bySource = new EnumMap<>(SourceChannel.class);
        grouped("source_channel", where, params, 20).forEach((k, v) -> bySource.put(SourceChannel.valueOf(k), v));
        Map<Long, Long> byStore = new LinkedHashMap<>();
        grouped("store_id", where, params, 100).forEach((k, v) -> byStore.put(Long.valueOf(k), v));
        return new CustomerStats(
                number(totals.get("total")),
                number(totals.get("recent")),
                number(totals.get("pool")),
                byKind,
                byStore,
                grouped("city", where, params, 10),
                bySource,
                averageDataQuality(where, params, now));
    }

    /** Stored points plus the freshness steps of {@link DataQualityRules}, averaged in the database. */
    private Double averageDataQuality(String where, Map<String, Object> params, Instant now) {
        StringBuilder freshness = new StringBuilder("CASE");
        int step = 0;
        for (Map.Entry<java.time.Duration, Integer> e : DataQualityRules.FRESHNESS.entrySet()) {
            params.put("fresh_" + step, Timestamp.from(now.minus(e.getKey())));
            freshness
                    .append(" WHEN updated_at >= :fresh_")
                    .append(step)
                    .append(" THEN ")
                    .append(e.getValue());
            step++;
        }
        freshness.append(" ELSE 0 END");
        List<Number> average = jdbc.sql("SELECT AVG(CAST(data_quality + " + freshness
                        + " AS DOUBLE PRECISION)) FROM customer" + where + " AND data_quality IS NOT NULL")
                .params(params)
                .query((rs, n) -> (Number) rs.getObject(1))
                .list(); // one row, whose value is null when the scope holds no customers
        return average.get(0) == null ? null : average.get(0).doubleValue();
    }

    private Map<String, Long> grouped(String column, String where, Map<String, Object> params, int limit) {
        Map<String, Long> result = new LinkedHashMap<>();
        jdbc.sql("SELECT " + column + ", COUNT(*) AS n FROM customer" + where + " AND " + column
                        + " IS NOT NULL GROUP BY " + column + " ORDER BY n DESC, " + column + " LIMIT " + limit)
                .params(params)
                .query(rs -> {
                    result.put(rs.getString(1), rs.getLong(2));
                });
        return result;
    }

    public long countOwnedBy(long ownerId) {
        return jdbc.sql("SELECT COUNT(*) FROM customer WHERE owner_id = ? AND merged_into IS NULL")
                .param(ownerId)
                .query(Long.class)
                .single();
    }

    /** Gives a pool customer to a new owner; false when someone else claimed it first. */
    public boolean claimFromPool(long id, long ownerId, Long storeId, Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("owner", ownerId);
        params.put("now", Timestamp.from(now));
        String store = "";
        if (storeId != null) {
            store = " AND store_id = :store";
            params.put("store", storeId);
        }
        return jdbc.sql("UPDATE customer SET owner_id = :owner, updated_at = :now, version = version + 1"
                                + " WHERE id = :id AND owner_id IS NULL AND merged_into IS NULL" + store)
                        .params(params)
                        .update()
                == 1;
    }

    /** Returns every customer of an owner to the pool (公海); used when the owner leaves. */
    public int releaseOwnedBy(long ownerId, Instant now) {
        return jdbc.sql(
                        "UPDATE customer SET owner_id = NULL, pool_notice_at = NULL, updated_at = ?, version = version + 1"
                                + " WHERE owner_id = ?")
                .params(Timestamp.from(now), ownerId)
                .update();
    }

    public List<Long> oldestIds(int limit) {
        return jdbc.sql("SELECT id FROM customer WHERE merged_into IS NULL ORDER BY id LIMIT ?")
                .param(limit)
                .query(Long.class)
                .list();
    }

    /** Customers (not merged away) born in a month, with ids above {@code afterId}, in id order. */
    public List<Long> bornInMonth(int month, long afterId, int limit) {
        return jdbc.sql("SELECT id FROM customer WHERE merged_into IS NULL AND birthday IS NOT NULL"
                        + " AND EXTRACT(MONTH FROM birthday) = ? AND id > ? ORDER BY id LIMIT ?")
                .params(month, afterId, limit)
                .query(Long.class)
                .list();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM customer").query(Long.class).single();
    }

    /** Hides a merged record (kept so that the merge can be undone) or shows it again. */
    public void markMerged(long id, Long survivorId, Instant now) {
        jdbc.sql("UPDATE customer SET merged_into = ?, updated_at = ?, version = version + 1 WHERE id = ?")
                .params(survivorId, Timestamp.from(now), id)
                .update();
    }

    /** Puts a customer back as it was (undo), whatever happened to its version since. */
    public void overwrite(CustomerView snapshot) {
        int version = jdbc.sql("SELECT version FROM customer WHERE id = ?")
                .param(snapshot.id())
                .query(Integer.class)
                .single();
        Customer customer = Customer.restore(snapshot.withVersion(version));
        update(customer);
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** A customer row with its personal data decrypted. */
    CustomerView map(ResultSet rs, int row) throws SQLException {
        Date birthday = rs.getDate("birthday");
        String gender = rs.getString("gender");
        String source = rs.getString("source_channel");
        return new CustomerView(
                rs.getLong("id"),
                PartyType.valueOf(rs.getString("party_type")),
                CustomerKind.valueOf(rs.getString("kind")),
                rs.getString("display_name"),
                rs.getString("family_name"),
                rs.getString("given_name"),
                gender == null ? null : Gender.valueOf(gender),
                birthday == null ? null : birthday.toLocalDate(),
                personal.decrypt(PersonalData.Field.PHONE, rs.getString("phone")),
                personal.decrypt(PersonalData.Field.EMAIL, rs.getString("email")),
                rs.getString("province"),
                rs.getString("city"),
                rs.getString("district"),
                personal.decrypt(PersonalData.Field.STREET, rs.getString("street")),
                rs.getString("postcode"),
                personal.decrypt(PersonalData.Field.ID_NUMBER, rs.getString("id_number")),
                source == null ? null : SourceChannel.valueOf(source),
                rs.getObject("store_id", Long.class),
                rs.getObject("owner_id", Long.class),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getInt("version"));
    }
}
