package io.quartermaster.agent.steps;

import io.quartermaster.agent.driver.Driver;
import io.quartermaster.agent.driver.DriverException;
import io.quartermaster.api.machines.PowerState;
import java.util.Map;

/**
 * {@code Start-Machine} and {@code Stop-Machine}: bring the machine to a power state; already there is done.
 * Stopping a machine that is gone is done too when it undoes an earlier step (there is nothing left to stop),
 * but otherwise fails with {@code MachineNotFound} so the server learns the machine is missing.
 */
final class PowerStep implements StepHandler {

    private final Driver driver;
    private final PowerState power;

    PowerStep(Driver driver, PowerState power) {
        this.driver = driver;
        this.power = power;
    }

    @Override
    public Map<String, Object> run(StepTask task) {
        var machineId = TaskParameters.machineId(task);
        try {
            return Results.machine(driver.ensurePower(machineId, power));
        } catch (DriverException e) {
            if (power == PowerState.Off && task.undo() && "MachineNotFound".equals(e.reason())) {
                return Map.of("machineId", machineId.toString(), "power", "Off", "found", false);
            }
            throw e;
        }
    }
}
