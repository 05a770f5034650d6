package io.quartermaster.agent.tasks;

import io.quartermaster.agent.driver.Driver;
import io.quartermaster.agent.driver.Fingerprint;
import io.quartermaster.agent.driver.MachineSpec;
import io.quartermaster.agent.driver.MachineStatus;
import io.quartermaster.agent.driver.SimulatedCrash;
import io.quartermaster.api.machines.PowerState;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/** A driver whose first {@code ensureDefined} does its work and then "crashes", and whose later ones do not. */
final class CrashOnceDriver implements Driver {

    private final Driver delegate;
    private final AtomicBoolean crashed = new AtomicBoolean();

    CrashOnceDriver(Driver delegate) {
        this.delegate = delegate;
    }

    @Override
    public MachineStatus ensureDefined(MachineSpec spec) {
        MachineStatus status = delegate.ensureDefined(spec);
        if (crashed.compareAndSet(false, true)) {
            throw new SimulatedCrash("crashed after defining " + spec.id());
        }
        return status;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Fingerprint fingerprint() {
        return delegate.fingerprint();
    }

    @Override
    public MachineStatus ensurePower(UUID machineId, PowerState power) {
        return delegate.ensurePower(machineId, power);
    }

    @Override
    public MachineStatus reboot(UUID machineId) {
        return delegate.reboot(machineId);
    }

    @Override
    public void destroy(UUID machineId) {
        delegate.destroy(machineId);
    }

    @Override
    public Optional<MachineStatus> inspect(UUID machineId) {
        return delegate.inspect(machineId);
    }

    @Override
    public List<MachineStatus> list() {
        return delegate.list();
    }
}
