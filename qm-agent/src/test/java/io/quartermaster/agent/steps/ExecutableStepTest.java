package io.quartermaster.agent.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quartermaster.agent.driver.simulator.SimulatorProvider;
import io.quartermaster.agent.time.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The step-override convention, with real shell scripts in a steps folder. */
class ExecutableStepTest {

    @TempDir
    Path dir;

    private final JsonMapper json = JsonMapper.builder().build();
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final UUID taskId = UUID.randomUUID();
    private final UUID machineId = UUID.randomUUID();

    @Test
    void aScriptGetsTheTaskOnStandardInputAndItsOutputIsTheResult() throws Exception {
        script("Create-Machine", """
                cat > input.json
                echo "$QM_STEP $QM_MACHINE_ID" > env.txt
                echo '{"name": "from-script", "cores": 4}'
                """);

        Map<String, Object> result = catalog(Duration.ofSeconds(10)).run(task("Create-Machine"));

        assertThat(result).isEqualTo(Map.of("name", "from-script", "cores", 4));
        var input = json.readTree(Files.readString(dir.resolve("input.json")));
        assertThat(input.path("id").asString()).isEqualTo(taskId.toString());
        assertThat(input.path("step").asString()).isEqualTo("Create-Machine");
        assertThat(input.path("machineId").asString()).isEqualTo(machineId.toString());
        assertThat(input.path("parameters").path("name").asString()).isEqualTo("dev-0001");
        assertThat(Files.readString(dir.resolve("env.txt")).strip()).isEqualTo("Create-Machine " + machineId);
    }

    @Test
    void noOutputIsAnEmptyResult() throws Exception {
        script("Start-Machine", "exit 0\n");

        assertThat(catalog(Duration.ofSeconds(10)).run(task("Start-Machine"))).isEmpty();
    }

    @Test
    void exitCode75IsARetryableFailureWithStandardErrorAsItsMessage() throws Exception {
        script("Start-Machine", "echo 'hypervisor is busy' >&2\nexit 75\n");

        assertThatThrownBy(() -> catalog(Duration.ofSeconds(10)).run(task("Start-Machine")))
                .isInstanceOfSatisfying(StepFailure.class, f -> {
                    assertThat(f.reason()).isEqualTo("StepScriptFailed");
                    assertThat(f.getMessage()).isEqualTo("hypervisor is busy");
                    assertThat(f.retryable()).isTrue();
                });
    }

    @Test
    void anyOtherExitCodeIsAFailureForGoodWhoseReasonTheScriptMayName() throws Exception {
        script("Create-Volume", "echo '{\"reason\": \"ImageNotFound\"}'\necho 'no image omni-3.2' >&2\nexit 1\n");

        assertThatThrownBy(() -> catalog(Duration.ofSeconds(10)).run(task("Create-Volume")))
                .isInstanceOfSatisfying(StepFailure.class, f -> {
                    assertThat(f.reason()).isEqualTo("ImageNotFound");
                    assertThat(f.getMessage()).isEqualTo("no image omni-3.2");
                    assertThat(f.retryable()).isFalse();
                });
    }

    @Test
    void successWithOutputThatIsNotJsonIsRefused() throws Exception {
        script("Start-Machine", "echo started\n");

        assertThatThrownBy(() -> catalog(Duration.ofSeconds(10)).run(task("Start-Machine")))
                .isInstanceOfSatisfying(StepFailure.class, f -> assertThat(f.reason()).isEqualTo("InvalidStepOutput"));
    }

    @Test
    void aScriptThatRunsTooLongIsKilledWithItsChildrenAndMayBeRetried() throws Exception {
        script("Wait-Running", "sleep 60 &\nwait\n");

        long started = System.nanoTime();
        assertThatThrownBy(() -> catalog(Duration.ofMillis(300)).run(task("Wait-Running")))
                .isInstanceOfSatisfying(StepFailure.class, f -> {
                    assertThat(f.reason()).isEqualTo("StepTimedOut");
                    assertThat(f.retryable()).isTrue();
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aScriptMayAddAStepThereIsNoBuiltInFor() throws Exception {
        script("Snapshot-Machine", "echo '{\"snapshot\": \"nightly\"}'\n");

        assertThat(catalog(Duration.ofSeconds(10)).run(task("Snapshot-Machine"))).containsEntry("snapshot", "nightly");
    }

    @Test
    void aFileThatIsNotExecutableDoesNotOverrideTheBuiltInStep() throws Exception {
        Files.writeString(dir.resolve("Destroy-Machine"), "#!/bin/sh\nexit 1\n");

        assertThat(catalog(Duration.ofSeconds(10)).run(task("Destroy-Machine"))).containsEntry("destroyed", true);
    }

    private StepCatalog catalog(Duration timeout) {
        var driver = SimulatorProvider.create(Map.of(), clock, clock);
        var settings = new StepSettings(dir, timeout, Duration.ofSeconds(5), Duration.ofSeconds(1));
        return StepCatalog.forDriver(driver, settings, json, clock, clock);
    }

    private StepTask task(String step) {
        return new StepTask(taskId, step, machineId, Map.of("machineId", machineId.toString(), "name", "dev-0001",
                "cpu", 1, "memoryMiB", 512), false);
    }

    private void script(String name, String body) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\nset -e\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
