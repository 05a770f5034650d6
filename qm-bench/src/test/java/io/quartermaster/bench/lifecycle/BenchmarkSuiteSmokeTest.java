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
 * The suite's smoke mode, on the test PostgreSQL (QM_TEST_POSTGRES_URL, user and password, as the
 * server's tests): the pgbench baseline, a small agent fleet, a small read-at-scale run, a small expiry
 * storm, and a handful of machines living their whole lives on the server and on raw Flowable. Every
 * section and its raw figures are written, every figure held against a target is positive and finite,
 * and the lifecycle's counts add up. Skipped when no PostgreSQL answers, unless
 * {@code qm.test.postgres.required=true} (CI). (Placement's smoke mode runs on H2 in its own test.)
 */
class BenchmarkSuiteSmokeTest {

    private static final String[] BENCHMARKS = {"baseline", "fleet", "read", "storm", "lifecycle"};

    @TempDir
    Path dir;

    @Test
    void theSuiteWritesEverySectionWithSaneFiguresAndEveryMachineLivesItsWholeLife() throws Exception {
        Database database = new Database(env("QM_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/qm_test"),
                env("QM_TEST_POSTGRES_USER", "qm"), env("QM_TEST_POSTGRES_PASSWORD", "qm"));
        String unreachable = database.unreachable();
        if (unreachable != null && Boolean.getBoolean("qm.test.postgres.required")) {
            throw new IllegalStateException("PostgreSQL is required: " + unreachable);
        }
        Assumptions.assumeTrue(unreachable == null, () -> unreachable + " (run scripts/ensure-postgres.sh)");
        Path report = dir.resolve("BENCHMARKS.md");
        Files.writeString(report, "# Benchmarks\n\n<!-- lifecycle:start -->\nold\n<!-- lifecycle:end -->\n\nother section\n");
        Path results = dir.resolve("results");

        int code = new CommandLine(new Bench()).execute("all", "--smoke", "--only", String.join(",", BENCHMARKS),
                "--database-url", database.url(), "--database-user", database.user(), "--database-password",
                database.password(), "--report", report.toString(), "--results", results.toString());

        assertThat(code).isZero();
        String text = Files.readString(report);
        assertThat(text).contains("## Summary: targets", "## Baselines", "## Agent fleet", "## Read API and memory at scale",
                "## Lease expiry storm", "## Lifecycle", "other section").doesNotContain("\nold\n");
        for (String benchmark : BENCHMARKS) {
            JsonNode figures = JsonMapper.builder().build().readTree(Files.readString(results.resolve(benchmark + ".json")));
            for (JsonNode target : figures.path("targets")) {
                double figure = target.path("figure").asDouble();
                // Heap and RSS per managed machine are differences of two samples of the process's memory: at the
                // smoke's handful of machines a collection or memory handed back to the system outweighs them, so
                // they may come out negative (the full run's RSS did too once); finite is all that can be asked.
                boolean memoryGrowth = target.path("what").asString().endsWith("per managed machine");
                // The fleet's idle figures are over the smoke's one second, in which its ten agents, long-polling
                // for minutes and reporting only changes, may well give the server nothing to do: zero is sane.
                boolean idle = target.path("what").asString().startsWith("idle ");
                assertThat(Double.isFinite(figure) && (memoryGrowth || (idle ? figure >= 0 : figure > 0)))
                        .as(benchmark + ": " + target).isTrue();
            }
            if (!benchmark.equals("baseline")) {
                assertThat(figures.path("targets").size()).as(benchmark + " targets").isPositive();
            }
        }
        assertThat(readJson(results, "baseline").path("s8Tps").asDouble()).isPositive();
        assertThat(readJson(results, "fleet").path("stages").get(0).path("fleetErrors").asLong()).isZero();
        JsonNode storm = readJson(results, "storm");
        for (String subject : new String[] {"quartermaster", "rawFlowable"}) {
            assertThat(storm.path(subject).path("agentErrors").isNumber()).as(subject + " storm agent errors").isTrue();
            assertThat(storm.path(subject).path("agentErrors").asLong()).as(subject + " storm agent errors").isZero();
            assertThat(storm.path(subject).path("expired").asLong()).as(subject + " expired")
                    .isEqualTo(storm.path("leases").asLong());
        }
        lifecycleCountsAddUp(readJson(results, "lifecycle"));
    }

    private static void lifecycleCountsAddUp(JsonNode figures) {
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
    }

    private static JsonNode readJson(Path results, String benchmark) throws java.io.IOException {
        return JsonMapper.builder().build().readTree(Files.readString(results.resolve(benchmark + ".json")));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
