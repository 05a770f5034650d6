package io.quartermaster.agent.steps;

import io.quartermaster.agent.driver.Driver;
import io.quartermaster.agent.driver.DriverException;
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
 * finish, and the server bounds the attempts.
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
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            MachineStatus status = driver.inspect(machineId).orElseThrow(() -> DriverException.machineNotFound(machineId));
            if (status.power() == ObservedPower.On) {
                return Results.machine(status);
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new StepFailure("NotRunning", "Machine " + machineId + " is still " + status.power() + " after "
                        + timeout + ".", true);
            }
            pause();
        }
    }

    private void pause() {
        try {
            sleeper.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailure("Interrupted", "The agent is stopping.", true);
        }
    }
}
