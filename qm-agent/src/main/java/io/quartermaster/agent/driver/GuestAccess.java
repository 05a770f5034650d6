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

    record Connection(String address, String console) {}

    /** How long {@link #awaitReady} waits. */
    Duration readyTimeout();
}
