package io.quartermaster.agent.steps;

import io.quartermaster.agent.driver.Driver;
import io.quartermaster.agent.driver.Fingerprint;
import io.quartermaster.agent.driver.GuestAccess;
import io.quartermaster.agent.driver.MachineSpec;
import io.quartermaster.agent.driver.MachineStatus;
import io.quartermaster.agent.driver.MasterImages;
import io.quartermaster.agent.driver.Volumes;
import io.quartermaster.agent.driver.simulator.SimulatorDriver;
import io.quartermaster.api.machines.PowerState;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The simulator with a master-image cache and guest readiness of a test's making: what the libvirt driver adds,
 * without libvirt, for the steps' tests.
 */
final class ImagesAndGuestsDriver implements Driver, Volumes, MasterImages, GuestAccess {

    private final SimulatorDriver simulator;
    final List<String> fetched = new ArrayList<>();
    boolean guestGetsReady = true;
    boolean guestHeedsRequests = true;
    /** What was done to the guest: asked to shut down or restart, or reset hard. */
    final List<String> guestSaw = new ArrayList<>();

    ImagesAndGuestsDriver(SimulatorDriver simulator) {
        this.simulator = simulator;
    }

    @Override
    public String ensureMaster(MasterImage image, ImageContent content) {
        try (InputStream in = content.open()) {
            fetched.add(image.name() + ":" + new String(in.readAllBytes()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return "cached-" + image.name();
    }

    @Override
    public boolean awaitReady(UUID machineId) {
        return guestGetsReady;
    }

    @Override
    public boolean shutDown(UUID machineId) {
        guestSaw.add("asked to shut down");
        if (guestHeedsRequests) {
            simulator.ensurePower(machineId, PowerState.Off);
        }
        return guestHeedsRequests;
    }

    @Override
    public boolean restart(UUID machineId) {
        guestSaw.add("asked to restart");
        return guestHeedsRequests;
    }

    @Override
    public Duration readyTimeout() {
        return Duration.ofSeconds(90);
    }

    @Override
    public Connection connection(UUID machineId) {
        return new Connection("192.0.2.7", "virsh console " + machineId);
    }

    @Override
    public String name() {
        return "images-and-guests";
    }

    @Override
    public Fingerprint fingerprint() {
        return simulator.fingerprint();
    }

    @Override
    public MachineStatus ensureDefined(MachineSpec spec) {
        return simulator.ensureDefined(spec);
    }

    @Override
    public MachineStatus ensurePower(UUID machineId, PowerState power) {
        return simulator.ensurePower(machineId, power);
    }

    @Override
    public MachineStatus reboot(UUID machineId) {
        guestSaw.add("reset");
        return simulator.reboot(machineId);
    }

    @Override
    public void destroy(UUID machineId) {
        simulator.destroy(machineId);
    }

    @Override
    public Optional<MachineStatus> inspect(UUID machineId) {
        return simulator.inspect(machineId);
    }

    @Override
    public List<MachineStatus> list() {
        return simulator.list();
    }

    @Override
    public boolean linkedClones() {
        return true;
    }

    @Override
    public Volume ensureVolume(VolumeSpec spec) {
        return simulator.ensureVolume(spec);
    }

    @Override
    public List<Volume> volumesOf(UUID machineId) {
        return simulator.volumesOf(machineId);
    }

    @Override
    public void deleteVolumes(UUID machineId) {
        simulator.deleteVolumes(machineId);
    }
}
