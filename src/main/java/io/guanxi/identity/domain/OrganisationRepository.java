package io.guanxi.identity.domain;

import io.guanxi.identity.NewStore;
import io.guanxi.identity.StoreView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Stores (branches) and the teams inside them. */
@Repository
public class OrganisationRepository {

    private final JdbcClient jdbc;

    OrganisationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public StoreView insertStore(NewStore store, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO store (code, name, province, city, address, created_at) VALUES (?,?,?,?,?,?)")
                .params(
                        store.code().trim().toUpperCase(),
                        store.name().trim(),
                        blankToNull(store.province()),
                        blankToNull(store.city()),
                        blankToNull(store.address()),
                        Timestamp.from(now))
                .update(keys, "id");
        return findStore(keys.getKey().longValue()).orElseThrow();
    }

    public Optional<StoreView> findStore(long id) {
        return jdbc.sql("SELECT id, code, name, province, city, address, zone_id FROM store WHERE id = ?")
                .param(id)
                .query(OrganisationRepository::mapStore)
                .optional();
    }

    public boolean storeCodeExists(String code) {
        return jdbc.sql("SELECT COUNT(*) FROM store WHERE code = ?")
                        .param(code.trim().toUpperCase())
                        .query(Long.class)
                        .single()
                > 0;
    }

    public List<StoreView> stores() {
        return jdbc.sql("SELECT id, code, name, province, city, address, zone_id FROM store WHERE active ORDER BY code")
                .query(OrganisationRepository::mapStore)
                .list();
    }

    public long insertTeam(long storeId, String name) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO team (store_id, name) VALUES (?, ?)")
                .params(storeId, name.trim())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public List<TeamRow> teams() {
        return jdbc.sql("SELECT id, store_id, name FROM team ORDER BY store_id, name")
                .query((rs, i) -> new TeamRow(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                .list();
    }

    public Optional<TeamRow> findTeam(long id) {
        return jdbc.sql("SELECT id, store_id, name FROM team WHERE id = ?")
                .param(id)
                .query((rs, i) -> new TeamRow(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                .optional();
    }

    private static StoreView mapStore(ResultSet rs, int row) throws SQLException {
        return new StoreView(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getString("name"),
                rs.getString("province"),
                rs.getString("city"),
                rs.getString("address"),
                rs.getString("zone_id"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A team of a store. */
    public record TeamRow(long id, long storeId, String name) {}
}
