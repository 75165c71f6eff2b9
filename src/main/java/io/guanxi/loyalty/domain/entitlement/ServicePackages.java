package io.guanxi.loyalty.domain.entitlement;

import io.guanxi.shared.ConflictException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The service package definitions, by product SKU. */
@Repository
public class ServicePackages {

    private static final String SELECT =
            "SELECT id, sku, name, kind, uses, validity_months, reminder_days, active FROM service_package";

    private final JdbcClient jdbc;

    ServicePackages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<ServicePackage> all() {
        return jdbc.sql(SELECT + " ORDER BY sku").query(ServicePackages::map).list();
    }

    public Optional<ServicePackage> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = ?")
                .param(id)
                .query(ServicePackages::map)
                .optional();
    }

    /** Active packages among the SKUs (one query for all lines of an order). */
    public Map<String, ServicePackage> activeBySku(Collection<String> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql(SELECT + " WHERE active = TRUE AND sku IN (:skus)")
                .param("skus", List.copyOf(skus))
                .query(ServicePackages::map)
                .list()
                .stream()
                .collect(Collectors.toMap(ServicePackage::sku, Function.identity()));
    }

    @Transactional
    public ServicePackage add(ServicePackage definition, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        int rows = jdbc.sql(
                        "INSERT INTO service_package (sku, name, kind, uses, validity_months, reminder_days, active,"
                                + " created_at) VALUES (?, ?, ?, ?, ?, ?, TRUE, ?) ON CONFLICT DO NOTHING")
                .params(
                        definition.sku(),
                        definition.name(),
                        definition.kind().name(),
                        definition.uses(),
                        definition.validityMonths(),
                        definition.reminderDays(),
                        Timestamp.from(now))
                .update(key, "id");
        if (rows == 0) {
            throw ConflictException.because("A service package for SKU " + definition.sku() + " already exists");
        }
        return find(key.getKeyAs(Number.class).longValue()).orElseThrow();
    }

    private static ServicePackage map(ResultSet rs, int n) throws SQLException {
        int reminder = rs.getInt("reminder_days");
        Integer reminderDays = rs.wasNull() ? null : reminder;
        return new ServicePackage(
                rs.getLong("id"),
                rs.getString("sku"),
                rs.getString("name"),
                ServicePackage.Kind.valueOf(rs.getString("kind")),
                rs.getInt("uses"),
                rs.getInt("validity_months"),
                reminderDays,
                rs.getBoolean("active"));
    }
}
