package io.quartermaster.agent.driver;

import java.time.Duration;
import java.util.UUID;

/**
 * Optional feature: the driver can tell when a running guest is ready (booted and customized) and how a
 * person reaches it.
 */
public interface GuestAccess {

    /**
     * Waits up to the driver's readiness timeout for the guest of a running machine to say it is ready since
     * it last started. A driver with no way to tell answers true as soon as the machine runs.
     *
     * @return whether the guest became ready in time
     * @throws InterruptedException when the agent stops meanwhile
     */
    boolean awaitReady(UUID machineId) throws InterruptedException;

    /**
     * How to reach the machine now: its IPv4 address (null while it is not known) and a console hint for a
     * person. Fails with {@code MachineNotFound} for an unknown machine.
     */
    Connection connection(UUID machineId);

    /**
     * Asks the guest of a running machine to shut down (the ACPI power button, say) and waits, up to the driver's
     * own timeout, until it is off. The {@code Stop-Machine} step calls it before the hard power-off, which then
     * finds nothing left to do unless the guest ignored the request.
     *
     * @return whether the machine is off now; false also when the driver cannot ask (the default)
     * @throws InterruptedException when the agent stops meanwhile
     */
    default boolean shutDown(UUID machineId) throws InterruptedException {
        return false;
    }

    /**
     * Asks the guest of a running machine to restart and waits, up to the driver's own timeouts, until it has
     * come back ready. The {@code Reboot-Machine} step calls it before falling back to a hard reset.
     *
     * @return whether the guest restarted and is ready again; false also when the driver cannot tell (the default)
     * @throws InterruptedException when the agent stops meanwhile
     */
    default boolean restart(UUID machineId) throws InterruptedException {
        return false;
    }

    record Connection(String address, String console) {}

    /** How long {@link #awaitReady} waits. */
    Duration readyTimeout();
}
