package io.quartermaster.agent.driver.simulator;

import io.quartermaster.agent.driver.Customization.CustomizationSpec;
import io.quartermaster.agent.driver.DriverException;
import io.quartermaster.agent.driver.MachineSpec;
import io.quartermaster.agent.driver.MachineStatus;
import io.quartermaster.agent.driver.ObservedPower;
import io.quartermaster.agent.driver.Snapshots.Snapshot;
import io.quartermaster.agent.driver.Volumes.Volume;
import io.quartermaster.agent.driver.Volumes.VolumeSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The simulated hypervisor's state; every method holds the monitor for its whole change. With a
 * {@link StateFile} the state is read from it at start and written to it after every change, still under
 * the monitor, so the file always holds the latest state and writes never overtake one another.
 */
final class SimulatedHost {

    private final Map<UUID, MachineStatus> machines = new LinkedHashMap<>();
    private final Map<UUID, List<Volume>> volumes = new LinkedHashMap<>();
    private final Map<UUID, List<Snapshot>> snapshots = new LinkedHashMap<>();
    private final Map<UUID, CustomizationSpec> customizations = new LinkedHashMap<>();
    private final StateFile stateFile;

    /** A host in memory only. */
    SimulatedHost() {
        this.stateFile = null;
    }

    /** A host kept in {@code stateFile}, with what it holds already. */
    SimulatedHost(StateFile stateFile) {
        this.stateFile = stateFile;
        stateFile.load().ifPresent(this::restore);
    }

    /** Defines a machine that exists without Quartermaster; one the host has already is left as it is. */
    synchronized void defineIfAbsent(MachineStatus machine) {
        if (machines.putIfAbsent(machine.id(), machine) == null) {
            save();
        }
    }

    synchronized MachineStatus ensureDefined(MachineSpec spec) {
        for (MachineStatus other : machines.values()) {
            if (other.name().equals(spec.name()) && !other.id().equals(spec.id())) {
                throw new DriverException("NameInUse", "Machine " + other.id() + " on this host is already called "
                        + spec.name() + ".", false);
            }
        }
        MachineStatus existing = machines.get(spec.id());
        ObservedPower power = existing == null ? ObservedPower.Off : existing.power();
        MachineStatus defined = new MachineStatus(spec.id(), spec.name(), power, spec.cpu(), spec.memoryMiB());
        machines.put(spec.id(), defined);
        save();
        return defined;
    }

    synchronized MachineStatus setPower(UUID id, ObservedPower power) {
        MachineStatus machine = require(id);
        MachineStatus changed = new MachineStatus(id, machine.name(), power, machine.cpu(), machine.memoryMiB());
        machines.put(id, changed);
        save();
        return changed;
    }

    synchronized void destroy(UUID id) {
        machines.remove(id);
        volumes.remove(id);
        snapshots.remove(id);
        customizations.remove(id);
        save();
    }

    synchronized Optional<MachineStatus> machine(UUID id) {
        return Optional.ofNullable(machines.get(id));
    }

    synchronized List<MachineStatus> machines() {
        return List.copyOf(machines.values());
    }

    synchronized Volume ensureVolume(VolumeSpec spec) {
        List<Volume> ofMachine = volumes.computeIfAbsent(spec.machineId(), id -> new ArrayList<>());
        for (Volume volume : ofMachine) {
            if (volume.role().equals(spec.role())) {
                return volume;
            }
        }
        Volume made = new Volume(spec.machineId(), spec.role(), spec.sizeGiB(), spec.baseImage(),
                spec.baseImage() != null && spec.linkedClone(), "sim://volumes/" + spec.machineId() + "/" + spec.role());
        ofMachine.add(made);
        save();
        return made;
    }

    synchronized List<Volume> volumesOf(UUID id) {
        return List.copyOf(volumes.getOrDefault(id, List.of()));
    }

    synchronized void deleteVolumes(UUID id) {
        if (machines.containsKey(id)) {
            throw new DriverException("VolumeInUse", "Machine " + id + " still uses its volumes; destroy it first.", false);
        }
        volumes.remove(id);
        save();
    }

    synchronized Snapshot ensureSnapshot(UUID id, String name, Instant now) {
        require(id);
        List<Snapshot> ofMachine = snapshots.computeIfAbsent(id, key -> new ArrayList<>());
        for (Snapshot snapshot : ofMachine) {
            if (snapshot.name().equals(name)) {
                return snapshot;
            }
        }
        Snapshot made = new Snapshot(id, name, now);
        ofMachine.add(made);
        save();
        return made;
    }

    synchronized List<Snapshot> snapshotsOf(UUID id) {
        return List.copyOf(snapshots.getOrDefault(id, List.of()));
    }

    synchronized void deleteSnapshot(UUID id, String name) {
        List<Snapshot> ofMachine = snapshots.get(id);
        if (ofMachine != null) {
            ofMachine.removeIf(snapshot -> snapshot.name().equals(name));
            save();
        }
    }

    synchronized void customize(UUID id, CustomizationSpec spec) {
        require(id);
        customizations.put(id, spec);
        save();
    }

    synchronized Optional<CustomizationSpec> customizationOf(UUID id) {
        return Optional.ofNullable(customizations.get(id));
    }

    private void restore(StateFile.State state) {
        state.machines().forEach(machine -> machines.put(machine.id(), machine));
        state.volumes().forEach((id, ofMachine) -> volumes.put(id, new ArrayList<>(ofMachine)));
        state.snapshots().forEach((id, ofMachine) -> snapshots.put(id, new ArrayList<>(ofMachine)));
        customizations.putAll(state.customizations());
    }

    /** Called at the end of every change, with the monitor held. */
    private void save() {
        if (stateFile != null) {
            stateFile.save(new StateFile.State(List.copyOf(machines.values()), volumes, snapshots, customizations));
        }
    }

    private MachineStatus require(UUID id) {
        MachineStatus machine = machines.get(id);
        if (machine == null) {
            throw DriverException.machineNotFound(id);
        }
        return machine;
    }
}
