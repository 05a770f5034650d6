package io.quartermaster.agent.driver.simulator;

import io.quartermaster.agent.driver.Driver;
import io.quartermaster.agent.driver.DriverContract;
import io.quartermaster.agent.driver.Drivers;
import java.util.Map;
import java.util.UUID;

class SimulatorDriverContractTest extends DriverContract {

    static final Map<String, String> SETTINGS = Map.of("seed", "7", "unmanaged", "legacy-db", "images", "omni-3.2");

    @Override
    protected Driver newDriver() {
        return Drivers.provider("simulator").create(UUID.randomUUID(), SETTINGS);
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
