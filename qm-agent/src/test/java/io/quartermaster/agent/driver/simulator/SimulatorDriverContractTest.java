package io.quartermaster.agent.driver.simulator;

import io.quartermaster.agent.driver.Driver;
import io.quartermaster.agent.driver.DriverContract;
import io.quartermaster.agent.driver.Drivers;
import java.util.Map;

class SimulatorDriverContractTest extends DriverContract {

    @Override
    protected Driver newDriver() {
        return Drivers.provider("simulator").create(Map.of("seed", "7", "unmanaged", "legacy-db", "images", "omni-3.2"));
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
