package io.quartermaster.agent.steps;

import io.quartermaster.agent.driver.Driver;
import java.util.Map;

/** {@code Create-Machine}: defines the machine (powered off) with the machine id as its hypervisor UUID. */
final class CreateMachineStep implements StepHandler {

    private final Driver driver;

    CreateMachineStep(Driver driver) {
        this.driver = driver;
    }

    @Override
    public Map<String, Object> run(StepTask task) {
        return Results.machine(driver.ensureDefined(TaskParameters.spec(task)));
    }
}
