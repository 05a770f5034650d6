package io.quartermaster.agent.driver;

import io.quartermaster.api.machines.PowerState;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the agent needs from a hypervisor (or a physical host's management interface). One instance serves one
 * host and is used from many threads at once; calls for different machines may run in parallel, calls for
 * one machine are never issued concurrently by the agent.
 *
 * <p>The agent's tasks may be delivered more than once (a lease ran out, the agent died before reporting), so
 * every method that changes something is idempotent in the sense spelled out on it: called again with the
 * same arguments after it succeeded, or after it failed half-way, it converges on the same end state.
 *
 * <p>Failures are {@link DriverException}s with a CamelCase reason and whether a retry may help. A method
 * that fails leaves nothing half-made behind that a retry could not finish or a {@link #destroy} could not
 * remove. Optional features are separate interfaces ({@link Volumes}, {@link Snapshots},
 * {@link Customization}, {@link MasterImages}, {@link GuestAccess}) that a driver implements when it can.
 */
public interface Driver {

    /** The name the driver is configured by ({@code simulator}, {@code libvirt}…). */
    String name();

    /** Facts about the host, read from the hypervisor each time (cheap enough to call every report). */
    Fingerprint fingerprint();

    /**
     * Makes sure a machine with {@code spec.id()} as its hypervisor UUID is defined with this spec. A new
     * machine is defined powered off; an existing one keeps its power state and gets the new cpu, memory and
     * name (taking effect at its next boot where the hypervisor needs one). Calling it twice defines one
     * machine. Fails with {@code NameInUse} (not retryable) if another machine already has the name.
     *
     * @return the machine as it is now
     */
    MachineStatus ensureDefined(MachineSpec spec);

    /**
     * Brings the machine to {@code power} ({@code On} or {@code Off}); nothing happens if it is already there.
     * Off is a hard power-off (the steps that want a clean shutdown ask the guest first, through
     * {@link GuestAccess#shutDown}). Fails with
     * {@code MachineNotFound} (not retryable) for an unknown id.
     *
     * @return the machine as it is now
     */
    MachineStatus ensurePower(UUID machineId, PowerState power);

    /**
     * Restarts a running machine (a hard reset: the step asks the guest first, through {@link
     * GuestAccess#restart}), or starts a stopped one: afterwards it is {@code On}. Not idempotent in the
     * strict sense (a repeated call reboots again), which is harmless for a reboot. Fails with
     * {@code MachineNotFound} for an unknown id.
     */
    MachineStatus reboot(UUID machineId);

    /**
     * Removes the machine and everything the driver made for it (its definition, volumes, snapshots, seed
     * images), powering it off first. An id that is not there counts as success, so destroying twice is fine.
     */
    void destroy(UUID machineId);

    /** The machine as the hypervisor has it, or empty when there is no machine with this id. */
    Optional<MachineStatus> inspect(UUID machineId);

    /** Every machine on the host, whether Quartermaster made it or not. */
    List<MachineStatus> list();

    /** Present when the driver creates and deletes volumes (disks) itself. */
    default Optional<Volumes> volumes() {
        return this instanceof Volumes volumes ? Optional.of(volumes) : Optional.empty();
    }

    /** Present when the driver can snapshot machines. */
    default Optional<Snapshots> snapshots() {
        return this instanceof Snapshots snapshots ? Optional.of(snapshots) : Optional.empty();
    }

    /** Present when the driver can give a machine its hostname, users and keys before its first boot. */
    default Optional<Customization> customization() {
        return this instanceof Customization customization ? Optional.of(customization) : Optional.empty();
    }

    /** Present when the driver keeps master images from the server's image store on the host. */
    default Optional<MasterImages> masterImages() {
        return this instanceof MasterImages images ? Optional.of(images) : Optional.empty();
    }

    /** Present when the driver can tell a guest is ready and how to reach it. */
    default Optional<GuestAccess> guestAccess() {
        return this instanceof GuestAccess access ? Optional.of(access) : Optional.empty();
    }

    /** What the driver can do beyond the basics, as reported to the server. */
    default Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        volumes().ifPresent(v -> {
            capabilities.add(Capability.Volumes);
            if (v.linkedClones()) {
                capabilities.add(Capability.LinkedClones);
            }
        });
        snapshots().ifPresent(s -> capabilities.add(Capability.Snapshots));
        customization().ifPresent(c -> capabilities.add(Capability.Customization));
        return capabilities;
    }
}
