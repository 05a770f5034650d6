package io.quartermaster.agent.steps;

import io.quartermaster.agent.driver.Driver;
import io.quartermaster.agent.driver.DriverException;
import io.quartermaster.api.machines.PowerState;
import java.util.Map;
import java.util.UUID;

/**
 * {@code Start-Machine} and {@code Stop-Machine}: bring the machine to a power state; already there is done.
 * Stopping a machine that is gone is done too when it undoes an earlier step (there is nothing left to stop),
 * but otherwise fails with {@code MachineNotFound} so the server learns the machine is missing. A machine's own
 * power-off asks its guest to shut down first (where the driver can), and pulls the plug only if it does not.
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
            if (power == PowerState.Off && !task.undo()) {
                askTheGuestToShutDown(machineId);
            }
            return Results.machine(driver.ensurePower(machineId, power));
        } catch (DriverException e) {
            if (power == PowerState.Off && task.undo() && "MachineNotFound".equals(e.reason())) {
                return Map.of("machineId", machineId.toString(), "power", "Off", "found", false);
            }
            throw e;
        }
    }

    /**
     * A machine's own power-off lets its guest shut down cleanly first, where the driver can ask it; undoing a
     * failed build just pulls the plug (the guest never came up, or is being thrown away).
     */
    private void askTheGuestToShutDown(UUID machineId) {
        if (driver.guestAccess().isEmpty()) {
            return;
        }
        try {
            driver.guestAccess().get().shutDown(machineId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StepFailure.agentStopping();
        }
    }
}
