package io.guanxi.customer.domain.privacy;

import io.guanxi.customer.ContactChannel;
import io.guanxi.customer.ReachableCustomer;
import io.guanxi.customer.domain.Masking;
import io.guanxi.customer.domain.PersonalData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The queries behind {@link io.guanxi.customer.ReachableCustomers}: one statement per call, the
 * latest consent on the channel taken by a correlated subquery on the consent index (latest
 * {@code recorded_at}, then the latest id, as {@link Privacy#consents} reads it).
 */
@Repository
public class Reachability {

    private static final int CHUNK = 5_000;

    private final JdbcClient jdbc;
    private final PersonalData personal;

    Reachability(JdbcClient jdbc, PersonalData personal) {
        this.jdbc = jdbc;
        this.personal = personal;
    }

    public List<ReachableCustomer> bornOn(Collection<LocalDate> days, ContactChannel channel) {
        return onDays("c.birthday", days, channel, false);
    }

    public List<ReachableCustomer> joinedOn(Collection<LocalDate> days, ContactChannel channel) {
        return onDays("c.created_at", days, channel, true);
    }

    public List<ReachableCustomer> page(long afterId, int limit, ContactChannel channel) {
        return jdbc.sql(select(channel) + " AND c.id > :after ORDER BY c.id LIMIT :limit")
                .param("channel", channel.name())
                .param("after", afterId)
                .param("limit", limit)
                .query(mapper(channel))
                .list();
    }

    public List<ReachableCustomer> byIds(Collection<Long> ids, ContactChannel channel) {
        List<Long> all = List.copyOf(new LinkedHashSet<>(ids));
        List<ReachableCustomer> found = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            found.addAll(jdbc.sql(select(channel) + " AND c.id IN (:ids) ORDER BY c.id")
                    .param("channel", channel.name())
                    .param("ids", all.subList(from, Math.min(all.size(), from + CHUNK)))
                    .query(mapper(channel))
                    .list());
        }
        return found;
    }

    private List<ReachableCustomer> onDays(
            String column, Collection<LocalDate> days, ContactChannel channel, boolean earlierYear) {
        Set<LocalDate> distinct = new LinkedHashSet<>(days);
        if (distinct.isEmpty()) {
            return List.of();
        }
        Map<String, Object> params = new HashMap<>();
        params.put("channel", channel.name());
        List<String> any = new ArrayList<>();
        int i = 0;
        LocalDate latest = null;
        for (LocalDate day : distinct) {
            any.add("(EXTRACT(MONTH FROM " + column + ") = :m" + i + " AND EXTRACT(DAY FROM " + column + ") = :d" + i
                    + ")");
            params.put("m" + i, day.getMonthValue());
            params.put("d" + i, day.getDayOfMonth());
            i++;
            if (day.getMonth() == Month.FEBRUARY && day.getDayOfMonth() == 28 && !day.isLeapYear()) {
                any.add("(EXTRACT(MONTH FROM " + column + ") = 2 AND EXTRACT(DAY FROM " + column + ") = 29)");
            }
            latest = latest == null || day.isAfter(latest) ? day : latest;
        }
        String sql = select(channel) + " AND " + column + " IS NOT NULL AND (" + String.join(" OR ", any) + ")";
        if (earlierYear) {
            sql += " AND " + column + " < :yearStart";
            params.put("yearStart", Timestamp.valueOf(latest.withDayOfYear(1).atStartOfDay()));
        }
        return jdbc.sql(sql + " ORDER BY c.id")
                .params(params)
                .query(mapper(channel))
                .list();
    }

    private static String select(ContactChannel channel) {
        String address = switch (channel) {
            case EMAIL -> "c.email";
            case SMS, PHONE -> "c.phone";
            default -> "CAST(NULL AS VARCHAR(254))";
        };
        return "SELECT c.id, c.display_name, " + address + " AS address, c.store_id, c.birthday, c.created_at,"
                + " (SELECT cc.granted FROM customer_consent cc WHERE cc.customer_id = c.id AND cc.channel = :channel"
                + " ORDER BY cc.recorded_at DESC, cc.id DESC LIMIT 1) AS consented"
                + " FROM customer c WHERE c.merged_into IS NULL AND c.erased_at IS NULL";
    }

    /** Rows as customers, their address decrypted (it is stored encrypted, see {@link PersonalData}) and masked. */
    private org.springframework.jdbc.core.RowMapper<ReachableCustomer> mapper(ContactChannel channel) {
        PersonalData.Field field = switch (channel) {
            case EMAIL -> PersonalData.Field.EMAIL;
            case SMS, PHONE -> PersonalData.Field.PHONE;
            default -> null;
        };
        return (rs, n) -> {
            ReachableCustomer row = map(rs, n);
            if (field == null || row.address() == null) {
                return row;
            }
            String address = personal.decrypt(field, row.address());
            return new ReachableCustomer(
                    row.id(),
                    row.displayName(),
                    address,
                    field == PersonalData.Field.EMAIL ? Masking.email(address) : Masking.phone(address),
                    row.storeId(),
                    row.birthday(),
                    row.since(),
                    row.consented());
        };
    }

    private static ReachableCustomer map(ResultSet rs, int n) throws SQLException {
        java.sql.Date birthday = rs.getDate("birthday");
        long storeId = rs.getLong("store_id");
        Long store = rs.wasNull() ? null : storeId;
        boolean consented = rs.getBoolean("consented");
        return new ReachableCustomer(
                rs.getLong("id"),
                rs.getString("display_name"),
                rs.getString("address"),
                null,
                store,
                birthday == null ? null : birthday.toLocalDate(),
                rs.getTimestamp("created_at").toInstant(),
                consented && !rs.wasNull());
    }
}
