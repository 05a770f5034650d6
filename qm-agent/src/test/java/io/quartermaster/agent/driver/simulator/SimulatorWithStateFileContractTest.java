package io.quartermaster.agent.driver.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.agent.driver.Driver;
import io.quartermaster.agent.driver.DriverContract;
import io.quartermaster.agent.driver.Drivers;
import io.quartermaster.agent.driver.MachineStatus;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver contract with {@code driver.state-file} set; after each test (before its machines are cleaned
 * up) a second simulator on the same file must see exactly what the first one has.
 */
class SimulatorWithStateFileContractTest extends DriverContract {

    @TempDir
    Path dir;

    private final UUID hostId = UUID.randomUUID();
    private Map<String, String> settings;

    @Override
    protected Driver newDriver() {
        settings = new HashMap<>(SimulatorDriverContractTest.SETTINGS);
        settings.put("state-file", dir.resolve("sim-{host}.json").toString());
        return Drivers.provider("simulator").create(hostId, settings);
    }

    @AfterEach
    void aRestartedSimulatorSeesTheSameHost() {
        SimulatorDriver first = (SimulatorDriver) driver;
        SimulatorDriver restarted = (SimulatorDriver) Drivers.provider("simulator").create(hostId, settings);

        assertThat(restarted.list()).isEqualTo(first.list());
        for (MachineStatus machine : first.list()) {
            assertThat(restarted.volumesOf(machine.id())).isEqualTo(first.volumesOf(machine.id()));
            assertThat(restarted.snapshotsOf(machine.id())).isEqualTo(first.snapshotsOf(machine.id()));
            assertThat(restarted.customizationOf(machine.id())).isEqualTo(first.customizationOf(machine.id()));
        }
    }

    @Override
    protected String unmanagedMachineName() {
        return "legacy-db";
    }

    @Override
    protected String knownImage() {
        return "omni-3.2";
    }
}
