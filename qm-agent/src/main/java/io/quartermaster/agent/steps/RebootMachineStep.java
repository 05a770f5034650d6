package io.quartermaster.agent.steps;

import io.quartermaster.agent.driver.Driver;
import io.quartermaster.agent.driver.DriverException;
import java.util.Map;
import java.util.UUID;

/**
 * {@code Reboot-Machine}: restarts the machine (starts it when it was off); a repeated task reboots again. Where the
 * driver can ask the guest to restart and tell when it is back, it does that first; the hard reset is for a guest
 * that does not restart in time.
 */
final class RebootMachineStep implements StepHandler {

    private final Driver driver;

    RebootMachineStep(Driver driver) {
        this.driver = driver;
    }

    @Override
    public Map<String, Object> run(StepTask task) {
        UUID machineId = TaskParameters.machineId(task);
        try {
            if (driver.guestAccess().isPresent() && driver.guestAccess().get().restart(machineId)) {
                return Results.machine(driver.inspect(machineId).orElseThrow(() -> DriverException.machineNotFound(machineId)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StepFailure.agentStopping();
        }
        return Results.machine(driver.reboot(machineId));
    }
}
