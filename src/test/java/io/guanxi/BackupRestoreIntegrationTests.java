package io.guanxi;

import static org.assertj.core.api.Assertions.assertThat;

import io.guanxi.support.IntegrationTest;
import io.guanxi.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The backup and restore procedures documented in the README, run for real: H2's SCRIPT and
 * RUNSCRIPT, PostgreSQL's pg_dump and pg_restore. The restored copy must hold the same data.
 */
@IntegrationTest
@Tag("postgres")
class BackupRestoreIntegrationTests {

    private static final List<String> TABLES =
            List.of("customer", "app_user", "store", "audit_event", "flyway_schema_history");

    @Autowired
    JdbcClient jdbc;

    private Map<String, Long> counts(Connection connection) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    private Map<String, Long> liveCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(
                    table,
                    jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
        }
        return counts;
    }

    @Test
    void backupRestoresToAnIdenticalDatabase() throws Exception {
        Path dir = Files.createTempDirectory("guanxi-backup");
        if (TestDatabase.postgres()) {
            postgres(dir);
        } else {
            h2(dir);
        }
    }

    private void h2(Path dir) throws Exception {
        Path script = dir.resolve("guanxi-backup.sql");
        jdbc.sql("SCRIPT TO '" + script + "'").query().listOfRows();
        Map<String, Long> before = liveCounts();
        assertThat(before.get("customer")).isPositive();
        try (Connection restored = DriverManager.getConnection(
                "jdbc:h2:mem:restored;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "")) {
            try (Statement statement = restored.createStatement()) {
                statement.execute("RUNSCRIPT FROM '" + script + "'");
            }
            assertThat(counts(restored)).isEqualTo(before);
        }
    }

    private void postgres(Path dir) throws Exception {
        Path dump = dir.resolve("guanxi.dump");
        URIParts db = URIParts.of(TestDatabase.postgresUrl());
        String user = TestDatabase.postgresUser();
        Map<String, Long> before = liveCounts();
        run(
                "pg_dump",
                "--format=custom",
                "--host=" + db.host,
                "--port=" + db.port,
                "--username=" + user,
                "--schema=" + TestDatabase.SCHEMA,
                "--file=" + dump,
                db.database);
        String target = "guanxi_restore_" + ProcessHandle.current().pid();
        try (Connection admin = DriverManager.getConnection(TestDatabase.postgresUrl(), user, "");
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + target);
            statement.execute("CREATE DATABASE " + target);
        }
        try {
            run(
                    "pg_restore",
                    "--host=" + db.host,
                    "--port=" + db.port,
                    "--username=" + user,
                    "--dbname=" + target,
                    "--no-owner",
                    dump.toString());
            String url = "jdbc:postgresql://" + db.host + ":" + db.port + "/" + target + "?currentSchema="
                    + TestDatabase.SCHEMA;
            try (Connection restored = DriverManager.getConnection(url, user, "")) {
                assertThat(counts(restored)).isEqualTo(before);
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(TestDatabase.postgresUrl(), user, "");
                    Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + target + " WITH (FORCE)");
            }
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + "\n" + output)
                .isZero();
    }

    /** Host, port and database of a jdbc:postgresql URL. */
    private record URIParts(String host, int port, String database) {
        static URIParts of(String jdbcUrl) {
            java.net.URI uri = java.net.URI.create(jdbcUrl.substring("jdbc:".length()));
            return new URIParts(
                    uri.getHost(),
                    uri.getPort() < 0 ? 5432 : uri.getPort(),
                    uri.getPath().substring(1));
        }
    }
}
