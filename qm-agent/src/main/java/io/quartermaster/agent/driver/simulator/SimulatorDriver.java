package io.quartermaster.agent.driver.simulator;

import io.quartermaster.agent.driver.Customization;
import io.quartermaster.agent.driver.Driver;
import io.quartermaster.agent.driver.DriverException;
import io.quartermaster.agent.driver.Fingerprint;
import io.quartermaster.agent.driver.GuestAccess;
import io.quartermaster.agent.driver.MachineSpec;
import io.quartermaster.agent.driver.MachineStatus;
import io.quartermaster.agent.driver.ObservedPower;
import io.quartermaster.agent.driver.SimulatedCrash;
import io.quartermaster.agent.driver.Snapshots;
import io.quartermaster.agent.driver.Volumes;
import io.quartermaster.agent.time.Sleeper;
import io.quartermaster.api.machines.PowerState;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A hypervisor in memory (kept in a file with {@code driver.state-file}), for tests, demos and benchmarks. It behaves as the {@link Driver} contract says and
 * can be made slow, failing or crashing per operation ({@link SimulatorSettings}). Thread-safe: the state is
 * guarded by this object's monitor, held only for the in-memory change, never while a call is being slow.
 */
public final class SimulatorDriver implements Driver, Volumes, Snapshots, Customization, GuestAccess {

    private final SimulatorSettings settings;
    private final Faults faults;
    private final Sleeper sleeper;
    private final Clock clock;
    private final SimulatedHost host;

    SimulatorDriver(SimulatorSettings settings, SimulatedHost host, Sleeper sleeper, Clock clock) {
        this.settings = settings;
        this.host = host;
        this.faults = new Faults(settings);
        this.sleeper = sleeper;
        this.clock = clock;
        for (String name : settings.unmanaged()) {
            UUID id = UUID.nameUUIDFromBytes(("unmanaged/" + name).getBytes(StandardCharsets.UTF_8));
            host.defineIfAbsent(new MachineStatus(id, name, ObservedPower.On, 1, 1024));
        }
    }

    @Override
    public String name() {
        return SimulatorProvider.NAME;
    }

    /** The seed in use, to be logged so a run with faults can be repeated. */
    public long seed() {
        return settings.seed();
    }

    @Override
    public Fingerprint fingerprint() {
        return settings.fingerprint();
    }

    @Override
    public MachineStatus ensureDefined(MachineSpec spec) {
        return operate(Operation.CreateMachine, spec.id(), () -> host.ensureDefined(spec));
    }

    @Override
    public MachineStatus ensurePower(UUID machineId, PowerState power) {
        Operation operation = power == PowerState.On ? Operation.StartMachine : Operation.StopMachine;
        ObservedPower wanted = power == PowerState.On ? ObservedPower.On : ObservedPower.Off;
        return operate(operation, machineId, () -> host.setPower(machineId, wanted));
    }

    @Override
    public MachineStatus reboot(UUID machineId) {
        return operate(Operation.RebootMachine, machineId, () -> host.setPower(machineId, ObservedPower.On));
    }

    @Override
    public void destroy(UUID machineId) {
        operate(Operation.DestroyMachine, machineId, () -> host.destroy(machineId));
    }

    @Override
    public Optional<MachineStatus> inspect(UUID machineId) {
        return operate(Operation.InspectMachine, machineId, () -> host.machine(machineId));
    }

    @Override
    public List<MachineStatus> list() {
        return operate(Operation.ListMachines, "host", host::machines);
    }

    @Override
    public boolean linkedClones() {
        return true;
    }

    @Override
    public Volume ensureVolume(VolumeSpec spec) {
        if (spec.baseImage() != null && !settings.images().isEmpty() && !settings.images().contains(spec.baseImage())) {
            throw new DriverException("ImageNotFound", "Image " + spec.baseImage() + " is not on this host (it has "
                    + String.join(", ", settings.images()) + ").", false);
        }
        return operate(Operation.CreateVolume, spec.machineId() + "/" + spec.role(), () -> host.ensureVolume(spec));
    }

    @Override
    public List<Volume> volumesOf(UUID machineId) {
        return operate(Operation.ListVolumes, machineId, () -> host.volumesOf(machineId));
    }

    @Override
    public void deleteVolumes(UUID machineId) {
        operate(Operation.DeleteVolume, machineId, () -> host.deleteVolumes(machineId));
    }

    @Override
    public Snapshot ensureSnapshot(UUID machineId, String name) {
        return operate(Operation.SnapshotMachine, machineId + "/" + name,
                () -> host.ensureSnapshot(machineId, name, clock.instant()));
    }

    @Override
    public List<Snapshot> snapshotsOf(UUID machineId) {
        return operate(Operation.ListSnapshots, machineId, () -> host.snapshotsOf(machineId));
    }

    @Override
    public void deleteSnapshot(UUID machineId, String name) {
        operate(Operation.DeleteSnapshot, machineId + "/" + name, () -> host.deleteSnapshot(machineId, name));
    }

    @Override
    public void customize(UUID machineId, CustomizationSpec spec) {
        operate(Operation.CustomizeMachine, machineId, () -> host.customize(machineId, spec));
    }

    /** The customization a machine was given, if any (the simulator's stand-in for a seed image). */
    public Optional<CustomizationSpec> customizationOf(UUID machineId) {
        return host.customizationOf(machineId);
    }

    /** A simulated guest is ready as soon as it runs. */
    @Override
    public boolean awaitReady(UUID machineId) {
        return host.machine(machineId).map(machine -> machine.power() == ObservedPower.On).orElse(false);
    }

    @Override
    public Duration readyTimeout() {
        return Duration.ZERO;
    }

    /**
     * A plausible connection for dev mode and demos: an address in 10.0.0.0/8 derived from the machine id (the
     * same every time), and a console hint that says there is none.
     */
    @Override
    public Connection connection(UUID machineId) {
        MachineStatus machine = host.machine(machineId).orElseThrow(() -> DriverException.machineNotFound(machineId));
        long bits = machineId.getLeastSignificantBits();
        String address = machine.power() == ObservedPower.On
                ? "10." + (bits >>> 16 & 0xff) + "." + (bits >>> 8 & 0xff) + "." + (1 + (bits & 0xff) % 254)
                : null;
        return new Connection(address, "simulated machine " + machine.name() + ": no console (simulator driver)");
    }

    /** Be slow, maybe fail before the effect, do it, maybe crash after it. */
    private <T> T operate(Operation operation, Object key, Supplier<T> effect) {
        pause(operation);
        Faults.Fault fault = faults.next(operation, key);
        if (fault == Faults.Fault.Fail) {
            throw new DriverException("SimulatedFailure", "The simulator failed " + operation.label + " for " + key
                    + " (failure.rate; seed " + settings.seed() + ").", settings.failureRetryable().get(operation));
        }
        T result = effect.get();
        if (fault == Faults.Fault.CrashAfterEffect) {
            throw new SimulatedCrash("The simulator crashed after " + operation.label + " for " + key
                    + " (crash.rate; seed " + settings.seed() + ").");
        }
        return result;
    }

    private void operate(Operation operation, Object key, Runnable effect) {
        operate(operation, key, () -> {
            effect.run();
            return null;
        });
    }

    private void pause(Operation operation) {
        var latency = settings.latency().get(operation);
        if (latency.isZero()) {
            return;
        }
        try {
            sleeper.sleep(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("Interrupted", operation.label + " was interrupted.", true, e);
        }
    }
}
