package io.quartermaster.agent.driver.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quartermaster.agent.driver.DriverException;
import io.quartermaster.agent.driver.Drivers;
import io.quartermaster.agent.driver.MachineSpec;
import io.quartermaster.agent.driver.SimulatedCrash;
import io.quartermaster.api.machines.PowerState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimulatorDriverTest {

    private final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());

    @Test
    void eachOperationTakesItsConfiguredLatency() {
        SimulatorDriver driver = simulator(Map.of("latency", "50ms", "latency.Create-Machine", "2s"));
        MachineSpec spec = spec("a");

        driver.ensureDefined(spec);
        driver.ensurePower(spec.id(), PowerState.On);

        assertThat(slept).containsExactly(Duration.ofSeconds(2), Duration.ofMillis(50));
    }

    @Test
    void aFailureHappensBeforeTheEffectAndSaysWhetherToRetry() {
        SimulatorDriver driver = simulator(Map.of("failure.rate.Create-Machine", "1", "failure.retryable.Create-Machine", "false"));
        MachineSpec spec = spec("a");

        assertThatThrownBy(() -> driver.ensureDefined(spec)).isInstanceOfSatisfying(DriverException.class, e -> {
            assertThat(e.reason()).isEqualTo("SimulatedFailure");
            assertThat(e.retryable()).isFalse();
        });
        assertThat(driver.inspect(spec.id())).isEmpty();
    }

    @Test
    void failuresAreRetryableUnlessSaidOtherwise() {
        SimulatorDriver driver = simulator(Map.of("failure.rate", "1"));

        assertThatThrownBy(() -> driver.list())
                .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void aCrashHappensAfterTheEffect() {
        SimulatorDriver driver = simulator(Map.of("crash.rate.Create-Machine", "1"));
        MachineSpec spec = spec("a");

        assertThatThrownBy(() -> driver.ensureDefined(spec)).isInstanceOf(SimulatedCrash.class);
        assertThat(driver.inspect(spec.id())).isPresent();
    }

    @Test
    void theSameSeedGivesTheSameFaultsHoweverCallsInterleave() {
        List<UUID> machines = IntStream.range(0, 40).mapToObj(i -> UUID.nameUUIDFromBytes(new byte[] {(byte) i})).toList();
        Map<String, String> knobs = Map.of("seed", "42", "failure.rate", "0.5");

        List<Boolean> inOrder = outcomes(simulator(knobs), machines);
        SimulatorDriver reversed = simulator(knobs);
        List<Boolean> backwards = outcomes(reversed, machines.reversed()).reversed();
        List<Boolean> otherSeed = outcomes(simulator(Map.of("seed", "43", "failure.rate", "0.5")), machines);

        assertThat(backwards).isEqualTo(inOrder);
        assertThat(otherSeed).isNotEqualTo(inOrder);
        assertThat(inOrder).contains(true, false);
    }

    @Test
    void manyThreadsDefiningMachinesAtOnceLoseNone() throws Exception {
        SimulatorDriver driver = simulator(Map.of());
        MachineSpec shared = spec("shared");
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                int n = i;
                threads.submit(() -> driver.ensureDefined(spec("m-" + n)));
                threads.submit(() -> driver.ensureDefined(shared));
            }
        }

        assertThat(driver.list()).hasSize(201);
    }

    @Test
    void unmanagedMachinesAreThereFromTheStartWithStableIds() {
        SimulatorDriver first = simulator(Map.of("unmanaged", "legacy-db, legacy-web"));
        SimulatorDriver second = simulator(Map.of("unmanaged", "legacy-db"));

        assertThat(first.list()).extracting(m -> m.name()).containsExactly("legacy-db", "legacy-web");
        assertThat(first.list().getFirst().id()).isEqualTo(second.list().getFirst().id());
    }

    @Test
    void hostFactsComeFromTheSettings() {
        var facts = simulator(Map.of("host.cpu", "8", "host.memoryMiB", "16384", "host.hypervisor", "kvm")).fingerprint();

        assertThat(facts.cpuCount()).isEqualTo(8);
        assertThat(facts.memoryMiB()).isEqualTo(16384);
        assertThat(facts.hypervisor()).isEqualTo("kvm");
    }

    @Test
    void everyBadSettingIsNamedWithItsKey() {
        assertThatThrownBy(() -> simulator(Map.of("failure.rate", "2", "latency.Create-Machin", "1s", "seed", "x",
                "latency", "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("driver.failure.rate: '2' is not between 0 and 1")
                .hasMessageContaining("driver.latency.Create-Machin is not a simulator setting")
                .hasMessageContaining("driver.seed")
                .hasMessageContaining("driver.latency: 'soon' is not a duration");
    }

    @Test
    void anUnknownDriverNameListsTheKnownOnes() {
        assertThatThrownBy(() -> Drivers.provider("vmware"))
                .hasMessage("driver 'vmware' is unknown (available: simulator, libvirt)");
    }

    private List<Boolean> outcomes(SimulatorDriver driver, List<UUID> machines) {
        List<Boolean> failed = new ArrayList<>();
        for (UUID id : machines) {
            try {
                driver.ensureDefined(new MachineSpec(id, id.toString(), 1, 512, List.of(), null));
                failed.add(false);
            } catch (DriverException e) {
                failed.add(true);
            }
        }
        return failed;
    }

    private SimulatorDriver simulator(Map<String, String> settings) {
        return SimulatorProvider.create(settings, slept::add, Clock.systemUTC());
    }

    private static MachineSpec spec(String name) {
        return new MachineSpec(UUID.nameUUIDFromBytes(name.getBytes()), name, 1, 512, List.of(), null);
    }
}
