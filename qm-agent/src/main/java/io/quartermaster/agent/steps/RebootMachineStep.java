package io.quartermaster.agent.steps;

import io.quartermaster.agent.driver.Driver;
import java.util.Map;

/** {@code Reboot-Machine}: restarts the machine (starts it when it was off); a repeated task reboots again. */
final class RebootMachineStep implements StepHandler {

    private final Driver driver;

    RebootMachineStep(Driver driver) {
        this.driver = driver;
    }

    @Override
    public Map<String, Object> run(StepTask task) {
        return Results.machine(driver.reboot(TaskParameters.machineId(task)));
    }
}
