package io.quartermaster.agent.driver.simulator;

import io.quartermaster.agent.driver.Driver;
import io.quartermaster.agent.driver.DriverProvider;
import io.quartermaster.agent.time.Sleeper;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/** {@code driver=simulator}: see {@link SimulatorSettings} for its {@code driver.*} knobs. */
public final class SimulatorProvider implements DriverProvider {

    static final String NAME = "simulator";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Driver create(UUID hostId, Map<String, String> settings) {
        return create(hostId, settings, Sleeper.REAL, Clock.systemUTC());
    }

    /** A simulator of no particular host, kept in memory only, for tests that must not sleep. */
    public static SimulatorDriver create(Map<String, String> settings, Sleeper sleeper, Clock clock) {
        return create(null, settings, sleeper, clock);
    }

    /**
     * With the waiting and the clock handed in, for tests that must not sleep. The host's state is kept in
     * {@code driver.state-file} when that is set and {@code hostId} is not null.
     *
     * @throws IllegalStateException naming the state file when it exists but cannot be read
     */
    public static SimulatorDriver create(UUID hostId, Map<String, String> settings, Sleeper sleeper, Clock clock) {
        SimulatorSettings parsed = SimulatorSettings.parse(settings);
        if (!settings.containsKey("seed")) {
            // Logged so that a run whose faults are worth a second look can be repeated with driver.seed.
            System.getLogger(SimulatorProvider.class.getName()).log(System.Logger.Level.INFO,
                    "Simulator driver uses seed {0,number,#}", parsed.seed());
        }
        SimulatedHost host = hostId == null ? new SimulatedHost()
                : parsed.stateFileOf(hostId).map(file -> new SimulatedHost(new StateFile(file))).orElseGet(SimulatedHost::new);
        return new SimulatorDriver(parsed, host, sleeper, clock);
    }
}
