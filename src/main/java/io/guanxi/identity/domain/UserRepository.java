package io.guanxi.identity.domain;

import io.guanxi.identity.DataScope;
import io.guanxi.identity.Role;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.PageResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class UserRepository {

    public static final Map<String, String> SORT_COLUMNS =
            Map.of("username", "username", "displayName", "display_name", "role", "role", "createdAt", "created_at");

    private static final String COLUMNS = "id, username, display_name, email, password_hash, role, data_scope,"
            + " store_id, team_id, enabled, created_at, updated_at, version";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<User> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE id = ?")
                .param(id)
                .query(UserRepository::map)
                .optional();
    }

    public Optional<User> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE username = ?")
                .param(username.trim().toLowerCase())
                .query(UserRepository::map)
                .optional();
    }

    public boolean existsByUsername(String username) {
        return jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = ?")
                        .param(username.trim().toLowerCase())
                        .query(Long.class)
                        .single()
                > 0;
    }

    public List<Long> idsInTeam(long teamId) {
        return jdbc.sql("SELECT id FROM app_user WHERE team_id = ?")
                .param(teamId)
                .query(Long.class)
                .list();
    }

    public Map<Long, String> displayNames(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> names = new HashMap<>();
        jdbc.sql("SELECT id, display_name FROM app_user WHERE id IN (:ids)")
                .param("ids", List.copyOf(ids))
                .query(rs -> {
                    names.put(rs.getLong(1), rs.getString(2));
                });
        return names;
    }

    public User insert(User user) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO app_user (username, display_name, email, password_hash, role, data_scope, store_id,"
                        + " team_id, enabled, created_at, updated_at, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,0)")
                .params(
                        user.username(),
                        user.displayName(),
                        user.email(),
                        user.passwordHash(),
                        user.role().name(),
                        user.scope().name(),
                        user.storeId(),
                        user.teamId(),
                        user.enabled(),
                        Timestamp.from(user.createdAt()),
                        Timestamp.from(user.updatedAt()))
                .update(keys, "id");
        return findById(keys.getKey().longValue()).orElseThrow();
    }

    /** Saves changes; fails when someone else changed the user since it was loaded. */
    public void update(User user) {
        int rows = jdbc.sql("UPDATE app_user SET display_name = ?, email = ?, password_hash = ?, role = ?,"
                        + " data_scope = ?, store_id = ?, team_id = ?, enabled = ?, updated_at = ?,"
                        + " version = version + 1 WHERE id = ? AND version = ?")
                .params(
                        user.displayName(),
                        user.email(),
                        user.passwordHash(),
                        user.role().name(),
                        user.scope().name(),
                        user.storeId(),
                        user.teamId(),
                        user.enabled(),
                        Timestamp.from(user.updatedAt()),
                        user.id(),
                        user.version())
                .update();
        if (rows != 1) {
            throw new OptimisticLockingFailureException("User " + user.id() + " was changed concurrently");
        }
    }

    public PageResult<User> search(String text, Role role, Long storeId, PageQuery page) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (text != null && !text.isBlank()) {
            where.append(" AND (LOWER(username) LIKE :text OR LOWER(display_name) LIKE :text)");
            params.put("text", "%" + text.trim().toLowerCase() + "%");
        }
        if (role != null) {
            where.append(" AND role = :role");
            params.put("role", role.name());
        }
        if (storeId != null) {
            where.append(" AND store_id = :store");
            params.put("store", storeId);
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM app_user" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<User> users = jdbc.sql("SELECT " + COLUMNS + " FROM app_user" + where + page.orderBy(SORT_COLUMNS, "id"))
                .params(params)
                .query(UserRepository::map)
                .list();
        return PageResult.of(users, page, total);
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        return new User(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getString("email"),
                rs.getString("password_hash"),
                Role.valueOf(rs.getString("role")),
                DataScope.valueOf(rs.getString("data_scope")),
                (Long) rs.getObject("store_id", Long.class),
                (Long) rs.getObject("team_id", Long.class),
                rs.getBoolean("enabled"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getInt("version"));
    }
}
