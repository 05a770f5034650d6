package io.quartermaster.server.support;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses the test database. PostgreSQL comes from QM_TEST_POSTGRES_URL (default
 * {@value #DEFAULT_POSTGRES_URL}), QM_TEST_POSTGRES_USER and QM_TEST_POSTGRES_PASSWORD (default qm/qm),
 * as {@code scripts/ensure-postgres.sh} sets it up.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/qm_test";

    public static String kind() {
        return System.getProperty("qm.test.database", "h2");
    }

    public static boolean isPostgres() {
        return "postgresql".equals(kind());
    }

    static String postgresUrl() {
        return env("QM_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL);
    }

    static String postgresUser() {
        return env("QM_TEST_POSTGRES_USER", "qm");
    }

    static String postgresPassword() {
        return env("QM_TEST_POSTGRES_PASSWORD", "qm");
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Map<String, Object> properties = isPostgres()
                ? Map.of(
                        "qm.database.url", postgresUrl() + (postgresUrl().contains("?") ? "&" : "?")
                                + "currentSchema=t_" + unique,
                        "qm.database.username", postgresUser(),
                        "qm.database.password", postgresPassword(),
                        "spring.flyway.schemas", "t_" + unique,
                        // Without it Flowable may find another test schema's tables and not create its own.
                        "flowable.database-schema", "t_" + unique,
                        "spring.datasource.hikari.maximum-pool-size", "5")
                : Map.of(
                        "qm.database.url", "jdbc:h2:mem:qm_" + unique + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
                        "qm.database.username", "sa",
                        "qm.database.password", "");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("qm-test-database", properties));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * Skips PostgreSQL runs when no PostgreSQL answers, unless {@code qm.test.postgres.required=true}
     * (CI), where a missing database fails the tests instead of hiding them.
     */
    public static class Availability implements ExecutionCondition {
        private static volatile Boolean reachable;

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String skip = reasonToSkip();
            return skip == null ? ConditionEvaluationResult.enabled("database " + kind())
                    : ConditionEvaluationResult.disabled(skip);
        }

        /** Null when the test database is there; why not otherwise. Throws when PostgreSQL is required. */
        public static String reasonToSkip() {
            if (!isPostgres()) {
                return null;
            }
            if (reachable == null) {
                reachable = probe();
            }
            if (reachable) {
                return null;
            }
            if (Boolean.getBoolean("qm.test.postgres.required")) {
                throw new IllegalStateException("PostgreSQL tests are required but no PostgreSQL answers at "
                        + postgresUrl() + ": run scripts/ensure-postgres.sh or set QM_TEST_POSTGRES_URL.");
            }
            return "no PostgreSQL at " + postgresUrl() + " (run scripts/ensure-postgres.sh to include the PostgreSQL tests)";
        }

        private static boolean probe() {
            try (var ignored = DriverManager.getConnection(postgresUrl(), postgresUser(), postgresPassword())) {
                return true;
            } catch (SQLException e) {
                System.err.println("[qm] PostgreSQL is not reachable at " + postgresUrl() + ": " + e.getMessage());
                return false;
            }
        }
    }
}
