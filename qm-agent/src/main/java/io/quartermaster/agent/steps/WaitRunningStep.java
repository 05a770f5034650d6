package io.quartermaster.agent.steps;

import io.quartermaster.agent.driver.Driver;
import io.quartermaster.agent.driver.DriverException;
import io.quartermaster.agent.driver.GuestAccess;
import io.quartermaster.agent.driver.MachineStatus;
import io.quartermaster.agent.driver.ObservedPower;
import io.quartermaster.agent.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * {@code Wait-Running}: waits until the hypervisor reports the machine on, looking every {@code interval} up
 * to {@code timeout}. Still not running then fails with {@code NotRunning}, retryable: a slow boot may yet
 * finish, and the server bounds the attempts. With a driver that can tell ({@link GuestAccess}) it then waits
 * for the guest to say it is ready; a guest that does not within the driver's readiness timeout fails the step
 * with {@code GuestNotReady}, not retryable (the server undoes the build). The result is the machine, with its
 * {@code address} (null while not known) and a {@code console} hint when the driver has them.
 */
final class WaitRunningStep implements StepHandler {

    private final Driver driver;
    private final Duration timeout;
    private final Duration interval;
    private final Clock clock;
    private final Sleeper sleeper;

    WaitRunningStep(Driver driver, Duration timeout, Duration interval, Clock clock, Sleeper sleeper) {
        this.driver = driver;
        this.timeout = timeout;
        this.interval = interval;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public Map<String, Object> run(StepTask task) {
        UUID machineId = TaskParameters.machineId(task);
        MachineStatus status = awaitOn(machineId);
        Map<String, Object> result = Results.machine(status);
        if (driver.guestAccess().isPresent()) {
            GuestAccess access = driver.guestAccess().get();
            awaitGuest(access, machineId);
            GuestAccess.Connection connection = access.connection(machineId);
            result.put("address", connection.address());
            result.put("console", connection.console());
        }
        return result;
    }

    private MachineStatus awaitOn(UUID machineId) {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            MachineStatus status = driver.inspect(machineId).orElseThrow(() -> DriverException.machineNotFound(machineId));
            if (status.power() == ObservedPower.On) {
                return status;
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new StepFailure("NotRunning", "Machine " + machineId + " is still " + status.power() + " after "
                        + timeout + ".", true);
            }
            pause();
        }
    }

    private void awaitGuest(GuestAccess access, UUID machineId) {
        try {
            if (!access.awaitReady(machineId)) {
                throw new StepFailure("GuestNotReady", "The guest of machine " + machineId + " did not report ready within "
                        + access.readyTimeout() + ".", false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StepFailure.agentStopping();
        }
    }

    private void pause() {
        try {
            sleeper.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StepFailure.agentStopping();
        }
    }
}
