package io.guanxi.support;

import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the machine offers the tests. On a bare machine (only a JDK) the PostgreSQL run and the
 * browser test skip with a message; in CI ({@code CI=true}) or with
 * {@code -Dguanxi.test.require-all=true} nothing may be skipped, so a missing service fails loudly.
 */
public final class TestEnvironment implements ExecutionCondition {

    private static Boolean postgresReachable;

    public static boolean requireAll() {
        return Boolean.parseBoolean(System.getProperty("guanxi.test.require-all", "false"))
                || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    static synchronized boolean postgresReachable() {
        if (postgresReachable == null) {
            try (Connection ignored =
                    DriverManager.getConnection(TestDatabase.postgresUrl(), TestDatabase.postgresUser(), "")) {
                postgresReachable = true;
            } catch (Exception e) {
                postgresReachable = false;
            }
        }
        return postgresReachable;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!TestDatabase.postgres() || requireAll() || postgresReachable()) {
            return ConditionEvaluationResult.enabled("database available or required");
        }
        return ConditionEvaluationResult.disabled(
                "PostgreSQL is not reachable at " + TestDatabase.postgresUrl() + "; skipping the PostgreSQL run");
    }
}
