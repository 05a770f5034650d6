package io.quartermaster.agent.steps;

import io.quartermaster.agent.driver.Driver;
import java.util.Map;

/** {@code Destroy-Machine}: removes the machine and its files; a machine already gone counts as destroyed. */
final class DestroyMachineStep implements StepHandler {

    private final Driver driver;

    DestroyMachineStep(Driver driver) {
        this.driver = driver;
    }

    @Override
    public Map<String, Object> run(StepTask task) {
        var machineId = TaskParameters.machineId(task);
        driver.destroy(machineId);
        return Map.of("machineId", machineId.toString(), "destroyed", true);
    }
}
