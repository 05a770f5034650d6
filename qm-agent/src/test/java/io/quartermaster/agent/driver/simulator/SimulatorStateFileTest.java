package io.quartermaster.agent.driver.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quartermaster.agent.driver.Customization.CustomizationSpec;
import io.quartermaster.agent.driver.DriverException;
import io.quartermaster.agent.driver.MachineSpec;
import io.quartermaster.agent.driver.MachineStatus;
import io.quartermaster.agent.driver.ObservedPower;
import io.quartermaster.agent.driver.Volumes.VolumeSpec;
import io.quartermaster.agent.time.MutableClock;
import io.quartermaster.api.machines.PowerState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code driver.state-file}: a simulated host outlives its simulator, the way a real hypervisor outlives the agent. */
class SimulatorStateFileTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final UUID hostId = UUID.randomUUID();

    @Test
    void aNewSimulatorOnTheSameFileSeesEveryChange() {
        SimulatorDriver first = simulator(hostId, Map.of("unmanaged", "legacy-db"));
        MachineSpec kept = spec("kept");
        MachineSpec gone = spec("gone");
        first.ensureVolume(new VolumeSpec(kept.id(), "system", 10, "omni-3.2", true));
        first.ensureDefined(kept);
        first.ensurePower(kept.id(), PowerState.On);
        first.customize(kept.id(), new CustomizationSpec("kept", Map.of("sshKey", "ssh-ed25519 AAAA")));
        first.ensureSnapshot(kept.id(), "before-upgrade");
        first.ensureDefined(gone);
        first.destroy(gone.id());

        SimulatorDriver second = simulator(hostId, Map.of("unmanaged", "legacy-db"));

        assertThat(second.list()).extracting(MachineStatus::name).containsExactly("legacy-db", "kept");
        assertThat(second.inspect(kept.id())).contains(new MachineStatus(kept.id(), "kept", ObservedPower.On, 2, 1024));
        assertThat(second.volumesOf(kept.id())).isEqualTo(first.volumesOf(kept.id())).hasSize(1);
        assertThat(second.snapshotsOf(kept.id())).isEqualTo(first.snapshotsOf(kept.id())).hasSize(1);
        assertThat(second.customizationOf(kept.id())).isEqualTo(first.customizationOf(kept.id())).isPresent();
        assertThat(second.inspect(gone.id())).isEmpty();
    }

    @Test
    void anUnmanagedMachineKeepsWhatHappenedToItAcrossARestart() {
        SimulatorDriver first = simulator(hostId, Map.of("unmanaged", "legacy-db"));
        UUID legacy = first.list().getFirst().id();
        first.ensurePower(legacy, PowerState.Off);

        assertThat(simulator(hostId, Map.of("unmanaged", "legacy-db")).inspect(legacy).orElseThrow().power())
                .isEqualTo(ObservedPower.Off);
    }

    @Test
    void hostsSharingTheSettingsKeepAFileEach() {
        UUID otherHost = UUID.randomUUID();
        simulator(hostId, Map.of()).ensureDefined(spec("only-here"));

        assertThat(simulator(otherHost, Map.of()).list()).isEmpty();
        assertThat(simulator(hostId, Map.of()).list()).hasSize(1);
        assertThat(files()).containsExactly("sim-" + hostId + ".json");
    }

    @Test
    void onlyTheStateFileIsLeftInTheFolder() {
        SimulatorDriver simulator = simulator(hostId, Map.of());
        for (int i = 0; i < 5; i++) {
            MachineSpec spec = spec("m-" + i);
            simulator.ensureDefined(spec);
            simulator.ensurePower(spec.id(), PowerState.On);
        }

        assertThat(files()).containsExactly("sim-" + hostId + ".json"); // no temporary files stay behind
    }

    @Test
    void aMachineDeletedFromTheFileWhileTheSimulatorRunsIsGoneFromItsNextAnswer() throws Exception {
        SimulatorDriver simulator = simulator(hostId, Map.of());
        MachineSpec kept = spec("kept");
        MachineSpec deleted = spec("deleted");
        simulator.ensureDefined(kept);
        simulator.ensureDefined(deleted);
        simulator.ensurePower(deleted.id(), PowerState.On);

        edit(state -> ((ArrayNode) state.path("machines")).removeIf(m -> m.path("name").asString().equals("deleted")));

        assertThat(simulator.list()).extracting(MachineStatus::name).containsExactly("kept");
        assertThat(simulator.inspect(deleted.id())).isEmpty();
        simulator.ensurePower(kept.id(), PowerState.On); // the next change starts from the edited file
        assertThat(simulator(hostId, Map.of()).list()).extracting(MachineStatus::name).containsExactly("kept");
    }

    @Test
    void aPowerChangedInTheFileWhileTheSimulatorRunsShowsInItsNextAnswer() throws Exception {
        SimulatorDriver simulator = simulator(hostId, Map.of());
        MachineSpec machine = spec("switched-off-by-hand");
        simulator.ensureDefined(machine);
        simulator.ensurePower(machine.id(), PowerState.On);

        edit(state -> ((ObjectNode) state.path("machines").get(0)).put("power", "Off"));

        assertThat(simulator.inspect(machine.id()).orElseThrow().power()).isEqualTo(ObservedPower.Off);
    }

    @Test
    void aFileLeftUnreadableWhileTheSimulatorRunsFailsCallsAsRetryableUntilItIsFixed() throws Exception {
        SimulatorDriver simulator = simulator(hostId, Map.of());
        simulator.ensureDefined(spec("a"));
        Path file = dir.resolve("sim-" + hostId + ".json");
        String good = Files.readString(file);
        Files.writeString(file, "{\"machines\": [");

        assertThatThrownBy(simulator::list).isInstanceOfSatisfying(DriverException.class, e -> {
            assertThat(e.reason()).isEqualTo("StateNotRead");
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains(file.toString());
        });
        Files.writeString(file, good + " "); // fixed (and another size, whatever the clock's resolution)
        assertThat(simulator.list()).extracting(MachineStatus::name).containsExactly("a");
    }

    @Test
    void aCorruptFileStopsTheSimulatorNamingTheFile() throws Exception {
        Path file = dir.resolve("sim-" + hostId + ".json");
        Files.writeString(file, "{\"machines\": [ {\"id\": \"not-a-uuid\"");

        assertThatThrownBy(() -> simulator(hostId, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("driver.state-file " + file)
                .hasMessageContaining("at line 1, column")
                .hasMessageNotContaining("\n")
                .hasMessageContaining("delete it to start with an empty host");
    }

    @Test
    void aStateThatCannotBeWrittenFailsTheCallAsRetryable() throws Exception {
        Files.writeString(dir.resolve("not-a-folder"), "");
        SimulatorDriver simulator = SimulatorProvider.create(hostId,
                Map.of("state-file", dir.resolve("not-a-folder/sim-{host}.json").toString()), clock, clock);

        assertThatThrownBy(() -> simulator.ensureDefined(spec("a"))).isInstanceOfSatisfying(DriverException.class, e -> {
            assertThat(e.reason()).isEqualTo("StateNotSaved");
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("not-a-folder");
        });
    }

    @Test
    void checkingTheSettingsWithoutAHostTouchesNoFile() {
        SimulatorDriver simulator = SimulatorProvider.create(null, Map.of("state-file", pattern()), clock, clock);
        simulator.ensureDefined(spec("a"));

        assertThat(files()).isEmpty();
    }

    @Test
    void theStateFileMustBeAbsoluteAndNameTheHost() {
        assertThatThrownBy(() -> SimulatorSettings.parse(Map.of("state-file", dir.resolve("sim.json").toString())))
                .hasMessageContaining("driver.state-file: '" + dir.resolve("sim.json") + "' must contain {host}");
        assertThatThrownBy(() -> SimulatorSettings.parse(Map.of("state-file", "state/sim-{host}.json")))
                .hasMessageContaining("driver.state-file: 'state/sim-{host}.json' must be an absolute path");
    }

    private SimulatorDriver simulator(UUID host, Map<String, String> knobs) {
        Map<String, String> settings = new HashMap<>(knobs);
        settings.put("state-file", pattern());
        return SimulatorProvider.create(host, settings, clock, clock);
    }

    /** Changes the host's state file as a person with an editor would, in place. */
    private void edit(Consumer<ObjectNode> change) throws IOException {
        Path file = dir.resolve("sim-" + hostId + ".json");
        ObjectNode state = (ObjectNode) JSON.readTree(Files.readString(file));
        change.accept(state);
        Files.writeString(file, JSON.writeValueAsString(state));
    }

    private String pattern() {
        return dir.resolve("sim-{host}.json").toString();
    }

    private List<String> files() {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.map(path -> path.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MachineSpec spec(String name) {
        return new MachineSpec(UUID.nameUUIDFromBytes(name.getBytes()), name, 2, 1024, List.of(), null);
    }
}
