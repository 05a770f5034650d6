package io.quartermaster.agent.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quartermaster.agent.driver.MachineSpec;
import io.quartermaster.agent.driver.simulator.SimulatorProvider;
import io.quartermaster.agent.time.MutableClock;
import io.quartermaster.api.machines.PowerState;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The parameters the server adds for real machines: image and diskMode, the owner's keys, readiness and connection. */
class ImageAndGuestStepsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final ImagesAndGuestsDriver driver = new ImagesAndGuestsDriver(SimulatorProvider.create(Map.of(), clock, clock));
    private final List<String> downloaded = new ArrayList<>();
    private final StepCatalog steps = StepCatalog.forDriver(driver, StepSettings.defaults(), JsonMapper.builder().build(), clock,
            clock, path -> {
                downloaded.add(path);
                return new ByteArrayInputStream("bytes".getBytes(StandardCharsets.UTF_8));
            });
    private final UUID machineId = UUID.randomUUID();

    @Test
    void theSystemDiskIsClonedFromTheMasterFetchedFromItsContentPath() {
        Map<String, Object> image = Map.of("id", "img-1", "name", "debian", "version", "12", "format", "qcow2",
                "sizeBytes", 5, "sha256", "ab", "contentPath", "/agent/v1/images/img-1/content");

        steps.run(task("Create-Volume", Map.of("image", image, "diskMode", "FULL_COPY")));

        assertThat(downloaded).containsExactly("/agent/v1/images/img-1/content");
        assertThat(driver.fetched).containsExactly("debian:bytes");
        assertThat(driver.volumesOf(machineId)).extracting(v -> v.role() + ":" + v.baseImage() + ":" + v.linkedClone())
                .containsExactly("system:cached-debian:false", "data:null:false");
    }

    @Test
    void withoutAnImageTheImageRefIsTheMasterAndTheCloneIsLinked() {
        steps.run(task("Create-Volume", Map.of("imageRef", "omni-3.2")));

        assertThat(downloaded).isEmpty();
        assertThat(driver.volumesOf(machineId).getFirst().baseImage()).isEqualTo("omni-3.2");
        assertThat(driver.volumesOf(machineId).getFirst().linkedClone()).isTrue();
    }

    @Test
    void anUnknownDiskModeIsRefusedForGood() {
        assertThatThrownBy(() -> steps.run(task("Create-Volume", Map.of("imageRef", "x", "diskMode", "THIN"))))
                .isInstanceOfSatisfying(StepFailure.class, f -> assertThat(f.reason()).isEqualTo("InvalidParameters"));
    }

    @Test
    void waitRunningReportsTheAddressAndConsoleOfAReadyGuest() {
        defineRunning();

        assertThat(steps.run(task("Wait-Running", Map.of()))).containsEntry("power", "On")
                .containsEntry("address", "192.0.2.7").containsEntry("console", "virsh console " + machineId);
    }

    @Test
    void aGuestThatDoesNotGetReadyFailsTheBuildForGood() {
        defineRunning();
        driver.guestGetsReady = false;

        assertThatThrownBy(() -> steps.run(task("Wait-Running", Map.of()))).isInstanceOfSatisfying(StepFailure.class, f -> {
            assertThat(f.reason()).isEqualTo("GuestNotReady");
            assertThat(f.retryable()).isFalse();
            assertThat(f.getMessage()).contains(Duration.ofSeconds(90).toString());
        });
    }

    @Test
    void powerOffAsksTheGuestFirstAndPullsThePlugOnlyWhenItDoesNotShutDown() {
        defineRunning();
        assertThat(steps.run(task("Stop-Machine", Map.of()))).containsEntry("power", "Off");
        assertThat(driver.guestSaw).containsExactly("asked to shut down");

        driver.ensurePower(machineId, PowerState.On);
        driver.guestHeedsRequests = false;
        assertThat(steps.run(task("Stop-Machine", Map.of()))).containsEntry("power", "Off");
        assertThat(driver.inspect(machineId).orElseThrow().power().name()).isEqualTo("Off");
    }

    @Test
    void undoingABuildPullsThePlugWithoutAskingTheGuest() {
        defineRunning();
        assertThat(steps.run(new StepTask(UUID.randomUUID(), "Stop-Machine", machineId, Map.of(), true)))
                .containsEntry("power", "Off");
        assertThat(driver.guestSaw).isEmpty();
    }

    @Test
    void aRebootAsksTheGuestFirstAndResetsItOnlyWhenItDoesNotComeBack() {
        defineRunning();
        assertThat(steps.run(task("Reboot-Machine", Map.of()))).containsEntry("power", "On");
        assertThat(driver.guestSaw).containsExactly("asked to restart");

        driver.guestSaw.clear();
        driver.guestHeedsRequests = false;
        assertThat(steps.run(task("Reboot-Machine", Map.of()))).containsEntry("power", "On");
        assertThat(driver.guestSaw).containsExactly("asked to restart", "reset");
    }

    @Test
    void theSimulatorGivesAPlausibleAddressAndConsoleHint() {
        var simulator = SimulatorProvider.create(Map.of(), clock, clock);
        var simulatorSteps = StepCatalog.forDriver(simulator, StepSettings.defaults(), JsonMapper.builder().build(), clock, clock);
        simulator.ensureDefined(new MachineSpec(machineId, "dev-0001", 1, 512, List.of(), null));
        simulator.ensurePower(machineId, PowerState.On);

        Map<String, Object> result = simulatorSteps.run(task("Wait-Running", Map.of()));

        assertThat((String) result.get("address")).matches("10\\.\\d+\\.\\d+\\.\\d+");
        assertThat(simulatorSteps.run(task("Wait-Running", Map.of()))).isEqualTo(result);
        assertThat((String) result.get("console")).contains("dev-0001");
    }

    private void defineRunning() {
        driver.ensureDefined(new MachineSpec(machineId, "dev-0001", 1, 512, List.of(), null));
        driver.ensurePower(machineId, PowerState.On);
    }

    private StepTask task(String step, Map<String, Object> extra) {
        Map<String, Object> parameters = new HashMap<>(Map.of("name", "dev-0001", "cpu", 1, "memoryMiB", 512,
                "disks", List.of(Map.of("role", "system", "sizeGiB", 10), Map.of("role", "data", "sizeGiB", 5))));
        parameters.putAll(extra);
        return new StepTask(UUID.randomUUID(), step, machineId, parameters, false);
    }
}
