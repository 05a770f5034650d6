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
 *
 * <p>Someone else may change the file while the simulator runs (an operator deleting a machine behind the
 * server's back, or switching one off): every method first compares the file's {@link StateFile.Stamp}
 * with the one it last read or wrote and, when they differ, reads the file again, so the next answer and
 * the next change start from what the file says.
 */
final class SimulatedHost {

    private final Map<UUID, MachineStatus> machines = new LinkedHashMap<>();
    private final Map<UUID, List<Volume>> volumes = new LinkedHashMap<>();
    private final Map<UUID, List<Snapshot>> snapshots = new LinkedHashMap<>();
    private final Map<UUID, CustomizationSpec> customizations = new LinkedHashMap<>();
    private final StateFile stateFile;
    private StateFile.Stamp known = StateFile.Stamp.ABSENT;

    /** A host in memory only. */
    SimulatedHost() {
        this.stateFile = null;
    }

    /** A host kept in {@code stateFile}, with what it holds already. */
    SimulatedHost(StateFile stateFile) {
        this.stateFile = stateFile;
        known = stateFile.stamp();
        stateFile.load().ifPresent(this::restore);
    }

    /** Defines a machine that exists without Quartermaster; one the host has already is left as it is. */
    synchronized void defineIfAbsent(MachineStatus machine) {
        refresh();
        if (machines.putIfAbsent(machine.id(), machine) == null) {
            save();
        }
    }

    synchronized MachineStatus ensureDefined(MachineSpec spec) {
        refresh();
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
        refresh();
        MachineStatus machine = require(id);
        MachineStatus changed = new MachineStatus(id, machine.name(), power, machine.cpu(), machine.memoryMiB());
        machines.put(id, changed);
        save();
        return changed;
    }

    synchronized void destroy(UUID id) {
        refresh();
        machines.remove(id);
        volumes.remove(id);
        snapshots.remove(id);
        customizations.remove(id);
        save();
    }

    synchronized Optional<MachineStatus> machine(UUID id) {
        refresh();
        return Optional.ofNullable(machines.get(id));
    }

    synchronized List<MachineStatus> machines() {
        refresh();
        return List.copyOf(machines.values());
    }

    synchronized Volume ensureVolume(VolumeSpec spec) {
        refresh();
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
        refresh();
        return List.copyOf(volumes.getOrDefault(id, List.of()));
    }

    synchronized void deleteVolumes(UUID id) {
        refresh();
        if (machines.containsKey(id)) {
            throw new DriverException("VolumeInUse", "Machine " + id + " still uses its volumes; destroy it first.", false);
        }
        volumes.remove(id);
        save();
    }

    synchronized Snapshot ensureSnapshot(UUID id, String name, Instant now) {
        refresh();
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
        refresh();
        return List.copyOf(snapshots.getOrDefault(id, List.of()));
    }

    synchronized void deleteSnapshot(UUID id, String name) {
        refresh();
        List<Snapshot> ofMachine = snapshots.get(id);
        if (ofMachine != null) {
            ofMachine.removeIf(snapshot -> snapshot.name().equals(name));
            save();
        }
    }

    synchronized void customize(UUID id, CustomizationSpec spec) {
        refresh();
        require(id);
        customizations.put(id, spec);
        save();
    }

    synchronized Optional<CustomizationSpec> customizationOf(UUID id) {
        refresh();
        return Optional.ofNullable(customizations.get(id));
    }

    /** Reads the file again when someone else changed it since this host last read or wrote it. */
    private void refresh() {
        if (stateFile == null) {
            return;
        }
        StateFile.Stamp now = stateFile.stamp();
        if (now.equals(known)) {
            return;
        }
        StateFile.State state;
        try {
            state = stateFile.load().orElseGet(() -> new StateFile.State(null, null, null, null)); // deleted: an empty host
        } catch (IllegalStateException unreadable) { // half edited, say: the next call looks again
            throw new DriverException("StateNotRead", unreadable.getMessage(), true, unreadable);
        }
        machines.clear();
        volumes.clear();
        snapshots.clear();
        customizations.clear();
        restore(state);
        known = now;
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
            known = stateFile.save(new StateFile.State(List.copyOf(machines.values()), volumes, snapshots, customizations));
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
