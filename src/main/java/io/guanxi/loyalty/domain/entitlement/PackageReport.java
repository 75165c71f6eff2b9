package io.guanxi.loyalty.domain.entitlement;

import io.guanxi.loyalty.domain.care.CareProperties;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Usage and renewal per service package, in two set-based queries. Revoked entitlements (refunded
 * packages) count nowhere.
 *
 * <ul>
 *   <li><b>sold</b>: entitlements granted (one per unit bought); <b>customers</b>: distinct buyers.
 *   <li><b>usage rate</b> = uses consumed / uses granted.
 *   <li>An entitlement has <b>ended</b> when it expired or its last use was consumed; it ended at
 *       its last use, or at its expiry if that came first.
 *   <li>It was <b>renewed</b> when the same customer got another entitlement of the same package from
 *       another purchase after it was granted and no later than the renewal window ({@code
 *       guanxi.care.renewal-window-days}, 90 days by default) after it ended.
 *   <li><b>renewal rate</b> = renewed / ended, counting only ended entitlements that were renewed or
 *       whose window has closed (so recent ones do not count as lost before they had their chance).
 * </ul>
 */
@Service
public class PackageReport {

    private final JdbcClient jdbc;
    private final CareProperties properties;
    private final Clock clock;

    PackageReport(JdbcClient jdbc, CareProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** One package's figures; rates are null when there is nothing to divide by. */
    public record PackageUsage(
            long packageId,
            String sku,
            String name,
            ServicePackage.Kind kind,
            long sold,
            long customers,
            long usesGranted,
            long usesConsumed,
            BigDecimal usageRate,
            long ended,
            long renewed,
            BigDecimal renewalRate) {}

    /** The report as of now, and the renewal window it used. */
    public record Report(Instant asOf, int renewalWindowDays, List<PackageUsage> packages) {}

    @Transactional(readOnly = true)
    public Report run() {
        Instant now = clock.instant();
        int window = properties.renewalWindowDays();
        String endedAt =
                "CASE WHEN e.uses_remaining = 0 AND e.last_used_at IS NOT NULL AND e.last_used_at < e.expires_at"
                        + " THEN e.last_used_at ELSE e.expires_at END";
        Map<Long, long[]> renewal = new HashMap<>();
        jdbc.sql("SELECT x.package_id, COUNT(*) AS ended, SUM(x.renewed) AS renewed FROM ("
                        + " SELECT e.package_id, " + endedAt + " AS ended_at,"
                        + " CASE WHEN EXISTS (SELECT 1 FROM entitlement n WHERE n.customer_id = e.customer_id"
                        + " AND n.package_id = e.package_id AND n.status <> 'REVOKED' AND n.source <> e.source"
                        + " AND n.granted_at > e.granted_at"
                        + " AND n.granted_at <= " + endedAt + " + INTERVAL '" + window + "' DAY)"
                        + " THEN 1 ELSE 0 END AS renewed"
                        + " FROM entitlement e WHERE e.status <> 'REVOKED'"
                        + " AND (e.uses_remaining = 0 OR e.expires_at <= :now)) x"
                        + " WHERE x.renewed = 1 OR x.ended_at <= :closedBefore GROUP BY x.package_id")
                .param("now", Timestamp.from(now))
                .param("closedBefore", Timestamp.from(now.minus(Duration.ofDays(window))))
                .query((rs, n) -> renewal.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)}))
                .list();
        List<PackageUsage> rows = jdbc.sql("SELECT p.id, p.sku, p.name, p.kind, COUNT(e.id) AS sold,"
                        + " COUNT(DISTINCT e.customer_id) AS customers, COALESCE(SUM(e.uses_granted), 0) AS granted,"
                        + " COALESCE(SUM(e.uses_granted - e.uses_remaining), 0) AS consumed"
                        + " FROM service_package p LEFT JOIN entitlement e ON e.package_id = p.id"
                        + " AND e.status <> 'REVOKED' GROUP BY p.id, p.sku, p.name, p.kind ORDER BY p.sku")
                .query((rs, n) -> {
                    long id = rs.getLong("id");
                    long granted = rs.getLong("granted");
                    long consumed = rs.getLong("consumed");
                    long[] r = renewal.getOrDefault(id, new long[] {0, 0});
                    return new PackageUsage(
                            id,
                            rs.getString("sku"),
                            rs.getString("name"),
                            ServicePackage.Kind.valueOf(rs.getString("kind")),
                            rs.getLong("sold"),
                            rs.getLong("customers"),
                            granted,
                            consumed,
                            rate(consumed, granted),
                            r[0],
                            r[1],
                            rate(r[1], r[0]));
                })
                .list();
        return new Report(now, window, rows);
    }

    private static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
