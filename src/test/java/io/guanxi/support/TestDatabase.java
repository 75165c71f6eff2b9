package io.guanxi.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test application at the database under test: embedded H2 by default, or real
 * PostgreSQL when the build runs with {@code -Dguanxi.test.database=postgres} (the
 * {@code integration-postgres} execution). Each PostgreSQL test schema is dropped and created
 * afresh once per test JVM.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String SCHEMA = "guanxi_it";
    private static final Set<String> RECREATED = new HashSet<>();

    public static boolean postgres() {
        return "postgres".equals(System.getProperty("guanxi.test.database"));
    }

    public static String postgresUrl() {
        return System.getProperty("guanxi.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    public static String postgresUser() {
        return System.getProperty("guanxi.test.postgres.user", "postgres");
    }

    /** The fixed encryption key of test applications (base64 of 32 bytes); for tests only. */
    public static final String TEST_KEY = "POOeL8vvq4Lgg/HJJxxrZFprCDIwuE+7M5hvJKxsl0o=";

    /** The fixed blind-index key of test applications; for tests only. */
    public static final String TEST_INDEX_KEY = "+xTJczYSr08iiE6XfS4HWu41F4LWBmdudQeebIk6/rE=";

    /** Datasource properties for a fresh database of the kind under test, with fixed test keys. */
    public static Map<String, Object> properties(String name) {
        Map<String, Object> props = new HashMap<>();
        props.put("guanxi.privacy.keys.test1", TEST_KEY);
        props.put("guanxi.privacy.active-key", "test1");
        props.put("guanxi.privacy.index-keys.itest1", TEST_INDEX_KEY);
        props.put("guanxi.privacy.active-index-key", "itest1");
        if (postgres()) {
            recreateSchema(name);
            props.put("spring.datasource.url", postgresUrl() + "?currentSchema=" + name);
            props.put("spring.datasource.username", postgresUser());
            props.put("spring.datasource.password", System.getProperty("guanxi.test.postgres.password", ""));
        } else {
            props.put(
                    "spring.datasource.url",
                    "jdbc:h2:mem:" + name
                            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            props.put("spring.datasource.username", "sa");
            props.put("spring.datasource.password", "");
        }
        return props;
    }

    public static synchronized void recreateSchema(String schema) {
        if (!RECREATED.add(schema)) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(postgresUrl(), postgresUser(), "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for tests is not reachable at " + postgresUrl(), e);
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("test-database", properties(SCHEMA)));
    }
}
