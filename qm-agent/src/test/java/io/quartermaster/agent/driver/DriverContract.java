package io.quartermaster.agent.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.quartermaster.agent.driver.Customization.CustomizationSpec;
import io.quartermaster.agent.driver.Volumes.VolumeSpec;
import io.quartermaster.api.machines.PowerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Driver} must do, run against each one: extend this class, say how to make the driver and
 * what the host already holds. The simulator runs it in {@code SimulatorDriverContractTest}; the libvirt
 * driver (in this module too, against {@code test:///default} or a scratch QEMU host) is meant to extend it
 * the same way. Machines made here are named {@code qm-contract-…} and destroyed after each test, so the
 * suite may run against a host that holds other machines.
 */
public abstract class DriverContract {

    /** A driver for a host that already holds {@link #unmanagedMachineName()} and knows {@link #knownImage()}. */
    protected abstract Driver newDriver();

    /** A machine on the host that Quartermaster did not make. */
    protected abstract String unmanagedMachineName();

    /** An image volumes can be cloned from. */
    protected abstract String knownImage();

    protected Driver driver;
    private final List<UUID> made = new ArrayList<>();

    @BeforeEach
    void makeDriver() {
        driver = newDriver();
    }

    @AfterEach
    void destroyWhatWasMade() {
        made.forEach(driver::destroy);
    }

    @Test
    void ensureDefinedTwiceGivesOneMachine() {
        MachineSpec spec = spec();

        driver.ensureDefined(spec);
        driver.ensureDefined(spec);

        assertThat(driver.list()).filteredOn(machine -> machine.id().equals(spec.id())).hasSize(1);
    }

    @Test
    void aNewMachineIsDefinedPoweredOffWithItsSpec() {
        MachineSpec spec = spec();

        MachineStatus status = driver.ensureDefined(spec);

        assertThat(status).isEqualTo(new MachineStatus(spec.id(), spec.name(), ObservedPower.Off, 2, 1024));
        assertThat(driver.inspect(spec.id())).contains(status);
    }

    @Test
    void definingARunningMachineAgainKeepsItRunningAndTakesTheNewSpec() {
        MachineSpec spec = spec();
        driver.ensureDefined(spec);
        driver.ensurePower(spec.id(), PowerState.On);

        MachineStatus status = driver.ensureDefined(new MachineSpec(spec.id(), spec.name(), 4, 2048, spec.disks(), null));

        assertThat(status.power()).isEqualTo(ObservedPower.On);
        assertThat(status.cpu()).isEqualTo(4);
        assertThat(status.memoryMiB()).isEqualTo(2048);
    }

    @Test
    void aNameTakenByAnotherMachineIsRefusedForGood() {
        MachineSpec first = spec();
        driver.ensureDefined(first);
        MachineSpec second = new MachineSpec(UUID.randomUUID(), first.name(), 1, 512, List.of(), null);
        made.add(second.id());

        assertThatThrownBy(() -> driver.ensureDefined(second))
                .isInstanceOfSatisfying(DriverException.class, e -> {
                    assertThat(e.reason()).isEqualTo("NameInUse");
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(driver.inspect(second.id())).isEmpty();
    }

    @Test
    void powerOnAndOffAreIdempotent() {
        MachineSpec spec = spec();
        driver.ensureDefined(spec);

        driver.ensurePower(spec.id(), PowerState.On);
        assertThat(driver.ensurePower(spec.id(), PowerState.On).power()).isEqualTo(ObservedPower.On);
        driver.ensurePower(spec.id(), PowerState.Off);
        assertThat(driver.ensurePower(spec.id(), PowerState.Off).power()).isEqualTo(ObservedPower.Off);
        assertThat(driver.inspect(spec.id()).orElseThrow().power()).isEqualTo(ObservedPower.Off);
    }

    @Test
    void powerOfAnUnknownMachineIsMachineNotFound() {
        assertThatThrownBy(() -> driver.ensurePower(UUID.randomUUID(), PowerState.On))
                .isInstanceOfSatisfying(DriverException.class, e -> {
                    assertThat(e.reason()).isEqualTo("MachineNotFound");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void rebootLeavesTheMachineOnWhetherItRanOrNot() {
        MachineSpec spec = spec();
        driver.ensureDefined(spec);

        assertThat(driver.reboot(spec.id()).power()).isEqualTo(ObservedPower.On);
        assertThat(driver.reboot(spec.id()).power()).isEqualTo(ObservedPower.On);
        assertThatThrownBy(() -> driver.reboot(UUID.randomUUID()))
                .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.reason()).isEqualTo("MachineNotFound"));
    }

    @Test
    void destroyOfAnUnknownIdSucceeds() {
        driver.destroy(UUID.randomUUID());
    }

    @Test
    void destroyRemovesARunningMachineAndMayBeRepeated() {
        MachineSpec spec = spec();
        driver.ensureDefined(spec);
        driver.ensurePower(spec.id(), PowerState.On);

        driver.destroy(spec.id());
        driver.destroy(spec.id());

        assertThat(driver.inspect(spec.id())).isEmpty();
        assertThat(driver.list()).noneMatch(machine -> machine.id().equals(spec.id()));
    }

    @Test
    void listIncludesMachinesQuartermasterDidNotMake() {
        MachineSpec spec = spec();
        driver.ensureDefined(spec);

        assertThat(driver.list()).extracting(MachineStatus::name).contains(unmanagedMachineName(), spec.name());
    }

    @Test
    void fingerprintDescribesTheHost() {
        Fingerprint facts = driver.fingerprint();

        assertThat(facts.cpuCount()).isPositive();
        assertThat(facts.memoryMiB()).isPositive();
        assertThat(facts.hypervisor()).isNotBlank();
        assertThat(facts.hypervisorVersion()).isNotBlank();
    }

    @Test
    void capabilitiesNameTheFeaturesTheDriverHas() {
        assertThat(driver.capabilities().contains(Capability.Volumes)).isEqualTo(driver.volumes().isPresent());
        assertThat(driver.capabilities().contains(Capability.Snapshots)).isEqualTo(driver.snapshots().isPresent());
        assertThat(driver.capabilities().contains(Capability.Customization)).isEqualTo(driver.customization().isPresent());
    }

    @Test
    void ensureVolumeTwiceGivesOneVolumeClonedFromTheImage() {
        Volumes volumes = feature(driver.volumes().orElse(null));
        UUID machineId = newId();
        VolumeSpec system = new VolumeSpec(machineId, "system", 10, knownImage(), volumes.linkedClones());

        volumes.ensureVolume(system);
        volumes.ensureVolume(system);
        volumes.ensureVolume(new VolumeSpec(machineId, "data", 5, null, false));

        assertThat(volumes.volumesOf(machineId)).hasSize(2).first().satisfies(volume -> {
            assertThat(volume.role()).isEqualTo("system");
            assertThat(volume.baseImage()).isEqualTo(knownImage());
            assertThat(volume.linkedClone()).isEqualTo(volumes.linkedClones());
        });
        volumes.deleteVolumes(machineId);
    }

    @Test
    void aCloneOfAnUnknownImageFailsForGoodAndLeavesNothing() {
        Volumes volumes = feature(driver.volumes().orElse(null));
        UUID machineId = newId();

        assertThatThrownBy(() -> volumes.ensureVolume(new VolumeSpec(machineId, "system", 10, "no-such-image", true)))
                .isInstanceOfSatisfying(DriverException.class, e -> {
                    assertThat(e.reason()).isEqualTo("ImageNotFound");
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(volumes.volumesOf(machineId)).isEmpty();
    }

    @Test
    void volumesOfADefinedMachineAreKeptUntilItIsDestroyed() {
        Volumes volumes = feature(driver.volumes().orElse(null));
        MachineSpec spec = spec();
        volumes.ensureVolume(new VolumeSpec(spec.id(), "system", 10, knownImage(), false));
        driver.ensureDefined(spec);

        assertThatThrownBy(() -> volumes.deleteVolumes(spec.id()))
                .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.reason()).isEqualTo("VolumeInUse"));

        driver.destroy(spec.id());
        assertThat(volumes.volumesOf(spec.id())).isEmpty();
        volumes.deleteVolumes(spec.id());
    }

    @Test
    void snapshotsAreMadeOnceAndDeletedQuietly() {
        Snapshots snapshots = feature(driver.snapshots().orElse(null));
        MachineSpec spec = spec();
        driver.ensureDefined(spec);

        snapshots.ensureSnapshot(spec.id(), "before-upgrade");
        snapshots.ensureSnapshot(spec.id(), "before-upgrade");
        assertThat(snapshots.snapshotsOf(spec.id())).hasSize(1);

        snapshots.deleteSnapshot(spec.id(), "before-upgrade");
        snapshots.deleteSnapshot(spec.id(), "before-upgrade");
        assertThat(snapshots.snapshotsOf(spec.id())).isEmpty();
        assertThatThrownBy(() -> snapshots.ensureSnapshot(UUID.randomUUID(), "x"))
                .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.reason()).isEqualTo("MachineNotFound"));
    }

    @Test
    void customizingTwiceIsHarmlessAndAnUnknownMachineIsNotFound() {
        Customization customization = feature(driver.customization().orElse(null));
        MachineSpec spec = spec();
        driver.ensureDefined(spec);
        CustomizationSpec seed = new CustomizationSpec(spec.name(), Map.of("sshKey", "ssh-ed25519 AAAA test"));

        customization.customize(spec.id(), seed);
        customization.customize(spec.id(), seed);

        assertThatThrownBy(() -> customization.customize(UUID.randomUUID(), seed))
                .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.reason()).isEqualTo("MachineNotFound"));
    }

    /** A spec with a fresh id and name, destroyed after the test. */
    protected MachineSpec spec() {
        UUID id = newId();
        return new MachineSpec(id, "qm-contract-" + id.toString().substring(0, 8), 2, 1024,
                List.of(new MachineSpec.Disk("system", 10)), knownImage());
    }

    private UUID newId() {
        UUID id = UUID.randomUUID();
        made.add(id);
        return id;
    }

    /** Optional features are tested only on drivers that have them. */
    private static <T> T feature(T feature) {
        assumeThat(feature).as("the driver has this optional feature").isNotNull();
        return feature;
    }
}
