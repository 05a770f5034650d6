package io.quartermaster.agent.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quartermaster.agent.driver.ObservedPower;
import io.quartermaster.agent.driver.simulator.SimulatorDriver;
import io.quartermaster.agent.driver.simulator.SimulatorProvider;
import io.quartermaster.agent.time.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class BuiltInStepsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final SimulatorDriver driver = SimulatorProvider.create(Map.of("images", "omni-3.2"), clock, clock);
    private final StepCatalog steps = StepCatalog.forDriver(driver, StepSettings.defaults(), JsonMapper.builder().build(), clock, clock);
    private final UUID machineId = UUID.randomUUID();

    @Test
    void aBuildRunTwiceStepByStepMakesOneRunningMachine() {
        for (String step : List.of("Create-Volume", "Create-Machine", "Customize-Machine", "Start-Machine", "Wait-Running")) {
            Map<String, Object> first = steps.run(task(step, false));
            assertThat(steps.run(task(step, false))).as(step + " again").isEqualTo(first);
        }

        assertThat(driver.list()).singleElement().satisfies(machine -> {
            assertThat(machine.id()).isEqualTo(machineId);
            assertThat(machine.name()).isEqualTo("dev-0001");
            assertThat(machine.power()).isEqualTo(ObservedPower.On);
            assertThat(machine.cpu()).isEqualTo(2);
        });
        assertThat(driver.volumesOf(machineId)).extracting(v -> v.role() + ":" + v.baseImage())
                .containsExactly("system:omni-3.2", "data:null");
        assertThat(driver.customizationOf(machineId).orElseThrow().settings()).containsEntry("owner", "uma");
    }

    @Test
    void createVolumeReportsTheVolumesAndTheirClone() {
        Map<String, Object> result = steps.run(task("Create-Volume", false));

        assertThat(result.get("volumes")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .first().isEqualTo(Map.of("role", "system", "sizeGiB", 10L, "location", "sim://volumes/" + machineId + "/system",
                        "baseImage", "omni-3.2", "linkedClone", true));
    }

    @Test
    void undoingABuildTwiceLeavesNothingAndMindsNoMissingMachine() {
        for (String step : List.of("Create-Volume", "Create-Machine", "Start-Machine")) {
            steps.run(task(step, false));
        }

        for (int round = 0; round < 2; round++) {
            for (String step : List.of("Stop-Machine", "Destroy-Machine", "Delete-Volume")) {
                steps.run(task(step, true));
            }
        }

        assertThat(driver.list()).isEmpty();
        assertThat(driver.volumesOf(machineId)).isEmpty();
    }

    @Test
    void stoppingAMachineThatIsGoneTellsTheServerUnlessItIsAnUndo() {
        assertThatThrownBy(() -> steps.run(task("Stop-Machine", false)))
                .isInstanceOfSatisfying(StepFailure.class, f -> {
                    assertThat(f.reason()).isEqualTo("MachineNotFound");
                    assertThat(f.retryable()).isFalse();
                });
        assertThat(steps.run(task("Stop-Machine", true))).containsEntry("found", false);
    }

    @Test
    void rebootStartsAStoppedMachine() {
        steps.run(task("Create-Machine", false));

        assertThat(steps.run(task("Reboot-Machine", false))).containsEntry("power", "On");
    }

    @Test
    void aCloneOfAnImageTheHostLacksFailsForGood() {
        Map<String, Object> parameters = new java.util.HashMap<>(parameters());
        parameters.put("imageRef", "windows-95");

        assertThatThrownBy(() -> steps.run(new StepTask(UUID.randomUUID(), "Create-Volume", machineId, parameters, false)))
                .isInstanceOfSatisfying(StepFailure.class, f -> {
                    assertThat(f.reason()).isEqualTo("ImageNotFound");
                    assertThat(f.retryable()).isFalse();
                });
    }

    @Test
    void parametersOfTheWrongShapeFailForGoodNamingTheParameter() {
        assertThatThrownBy(() -> steps.run(new StepTask(UUID.randomUUID(), "Create-Machine", machineId,
                Map.of("name", "x", "cpu", "two", "memoryMiB", 512), false)))
                .isInstanceOfSatisfying(StepFailure.class, f -> {
                    assertThat(f.reason()).isEqualTo("InvalidParameters");
                    assertThat(f.getMessage()).contains("cpu");
                    assertThat(f.retryable()).isFalse();
                });
    }

    @Test
    void anUnknownStepFailsForGoodListingTheKnownOnes() {
        assertThatThrownBy(() -> steps.run(task("Snapshot-Machine", false)))
                .isInstanceOfSatisfying(StepFailure.class, f -> {
                    assertThat(f.reason()).isEqualTo("UnknownStep");
                    assertThat(f.getMessage()).contains("Create-Machine", "steps.dir");
                });
    }

    @Test
    void aRetryableDriverFailureStaysRetryable() {
        var failing = SimulatorProvider.create(Map.of("failure.rate.Start-Machine", "1"), clock, clock);
        var failingSteps = StepCatalog.forDriver(failing, StepSettings.defaults(), JsonMapper.builder().build(), clock, clock);
        failingSteps.run(task("Create-Machine", false));

        assertThatThrownBy(() -> failingSteps.run(task("Start-Machine", false)))
                .isInstanceOfSatisfying(StepFailure.class, f -> {
                    assertThat(f.reason()).isEqualTo("SimulatedFailure");
                    assertThat(f.retryable()).isTrue();
                });
    }

    private StepTask task(String step, boolean undo) {
        return new StepTask(UUID.randomUUID(), step, machineId, parameters(), undo);
    }

    private Map<String, Object> parameters() {
        return Map.of("machineId", machineId.toString(), "name", "dev-0001", "hostId", UUID.randomUUID().toString(),
                "cpu", 2, "memoryMiB", 2048,
                "disks", List.of(Map.of("sizeGiB", 10, "role", "system"), Map.of("sizeGiB", 20, "role", "data")),
                "imageRef", "omni-3.2", "hypervisorType", "simulator", "properties", Map.of("owner", "uma"));
    }
}
