package io.quartermaster.agent.driver.simulator;

import io.quartermaster.agent.driver.Driver;
import io.quartermaster.agent.driver.DriverProvider;
import io.quartermaster.agent.time.Sleeper;
import java.time.Clock;
import java.util.Map;

/** {@code driver=simulator}: see {@link SimulatorSettings} for its {@code driver.*} knobs. */
public final class SimulatorProvider implements DriverProvider {

    static final String NAME = "simulator";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Driver create(Map<String, String> settings) {
        return create(settings, Sleeper.REAL, Clock.systemUTC());
    }

    /** With the waiting and the clock handed in, for tests that must not sleep. */
    public static SimulatorDriver create(Map<String, String> settings, Sleeper sleeper, Clock clock) {
        SimulatorSettings parsed = SimulatorSettings.parse(settings);
        if (!settings.containsKey("seed")) {
            // Logged so that a run whose faults are worth a second look can be repeated with driver.seed.
            System.getLogger(SimulatorProvider.class.getName()).log(System.Logger.Level.INFO,
                    "Simulator driver uses seed {0,number,#}", parsed.seed());
        }
        return new SimulatorDriver(parsed, sleeper, clock);
    }
}
