package io.quartermaster.bench.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.bench.Bench;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lifecycle benchmark's smoke mode, on the test PostgreSQL (QM_TEST_POSTGRES_URL, user and
 * password, as the server's tests): a handful of machines live their whole lives on the server and on
 * raw Flowable, and the figures add up. Skipped when no PostgreSQL answers, unless
 * {@code qm.test.postgres.required=true} (CI).
 */
class LifecycleBenchmarkSmokeTest {

    @TempDir
    Path dir;

    @Test
    void everyMachineLivesItsWholeLifeOnTheServerAndOnRawFlowable() throws Exception {
        Database database = new Database(env("QM_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/qm_test"),
                env("QM_TEST_POSTGRES_USER", "qm"), env("QM_TEST_POSTGRES_PASSWORD", "qm"));
        String unreachable = database.unreachable();
        if (unreachable != null && Boolean.getBoolean("qm.test.postgres.required")) {
            throw new IllegalStateException("PostgreSQL is required: " + unreachable);
        }
        Assumptions.assumeTrue(unreachable == null, () -> unreachable + " (run scripts/ensure-postgres.sh)");
        Path report = dir.resolve("BENCHMARKS.md");
        Files.writeString(report, "# Benchmarks\n\n<!-- lifecycle:start -->\nold\n<!-- lifecycle:end -->\n\nother section\n");
        Path json = dir.resolve("lifecycle.json");

        int code = new CommandLine(new Bench()).execute("lifecycle", "--smoke", "--database-url", database.url(),
                "--database-user", database.user(), "--database-password", database.password(),
                "--report", report.toString(), "--json", json.toString());

        assertThat(code).isZero();
        JsonNode figures = JsonMapper.builder().build().readTree(Files.readString(json));
        int machines = figures.path("machines").asInt();
        assertThat(machines).isPositive();
        for (String subject : new String[] {"quartermaster", "rawFlowable"}) {
            JsonNode measured = figures.path(subject);
            assertThat(measured.path("disposed").asLong()).as(subject + " disposed").isEqualTo(machines);
            assertThat(measured.path("transitions").asLong()).as(subject + " transitions")
                    .isEqualTo((long) machines * LifecycleRun.TRANSITIONS_PER_LIFE);
            assertThat(measured.path("agentSteps").asLong()).as(subject + " host steps")
                    .isEqualTo((long) machines * LifecycleRun.AGENT_STEPS_PER_LIFE);
            assertThat(measured.path("agentErrors").asLong()).as(subject + " agent errors").isZero();
            assertThat(measured.path("commits").asLong()).as(subject + " commits").isPositive();
            assertThat(measured.path("lifecyclesPerSecond").asDouble()).as(subject + " lifecycles/s").isPositive();
        }
        JsonNode server = figures.path("quartermaster");
        assertThat(server.path("auditedTransitions").asLong()).isEqualTo(server.path("recordedTransitions").asLong());
        assertThat(Files.readString(report)).contains("## Lifecycle", "lifecycles/s", "other section")
                .doesNotContain("\nold\n");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
