package io.quartermaster.agent.driver.libvirt;

import static io.quartermaster.agent.driver.libvirt.LibvirtCalls.call;
import static io.quartermaster.agent.driver.libvirt.LibvirtCalls.find;
import static io.quartermaster.agent.driver.libvirt.LibvirtCalls.run;

import io.quartermaster.agent.driver.Customization;
import io.quartermaster.agent.driver.Driver;
import io.quartermaster.agent.driver.DriverException;
import io.quartermaster.agent.driver.Fingerprint;
import io.quartermaster.agent.driver.GuestAccess;
import io.quartermaster.agent.driver.MachineSpec;
import io.quartermaster.agent.driver.MachineStatus;
import io.quartermaster.agent.driver.MasterImages;
import io.quartermaster.agent.driver.ObservedPower;
import io.quartermaster.agent.driver.Snapshots;
import io.quartermaster.agent.driver.Volumes;
import io.quartermaster.api.machines.PowerState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainSnapshot;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

/**
 * Real machines through libvirt (KVM, or QEMU under software emulation; {@code test:///default} for the contract
 * tests). A machine is a persistent domain whose UUID is the machine id; its disks are volumes of a storage pool
 * ({@link PoolStorage}); its cloud-init seed and serial log are files under the state folder. Nothing is kept in
 * memory about machines, so the agent may restart at any moment: libvirt and the pool are the record.
 */
public final class LibvirtDriver implements Driver, Volumes, Snapshots, Customization, MasterImages, GuestAccess {

    private static final Duration READY_POLL = Duration.ofMillis(50);
    /** How often a shutdown or restart the guest was asked for is looked at: they take seconds. */
    private static final Duration GUEST_POLL = Duration.ofMillis(250);

    private final LibvirtConnection connection;
    private final LibvirtSettings settings;
    private final String domainType;
    private final PoolStorage storage;
    private final ImageCache images;
    private final CloudInitSeed seeds;

    LibvirtDriver(Connect connect, LibvirtSettings settings, String domainType) {
        this.connection = new LibvirtConnection(settings.uri(), connect);
        this.settings = settings;
        this.domainType = domainType;
        this.storage = new PoolStorage(connection, settings);
        this.images = new ImageCache(settings.mastersDir(), settings.downloadsDir());
        this.seeds = new CloudInitSeed(settings.readyMarker());
    }

    @Override
    public String name() {
        return LibvirtProvider.NAME;
    }

    /** The libvirt connection (for tests and tools that look at the host as libvirt sees it). */
    public Connect libvirt() {
        return connection.get();
    }

    /** The domain type machines are defined with ({@code kvm}, {@code qemu}, {@code test}). */
    public String domainType() {
        return domainType;
    }

    /** {@code hypervisor} is the domain type; the version names the hypervisor's and libvirt's. */
    @Override
    public Fingerprint fingerprint() {
        return call("Reading the host's facts", () -> {
            var node = libvirt().nodeInfo();
            return new Fingerprint(node.cpus, node.memory / 1024, domainType, libvirt().getType() + " "
                    + version(libvirt().getVersion()) + ", libvirt " + version(libvirt().getLibVersion()));
        });
    }

    @Override
    public MachineStatus ensureDefined(MachineSpec spec) {
        Optional<Domain> named = find("Looking up " + spec.name(), ErrorNumber.VIR_ERR_NO_DOMAIN,
                () -> libvirt().domainLookupByName(spec.name()));
        if (named.isPresent() && !call("Reading " + spec.name(), named.get()::getUUIDString).equals(spec.id().toString())) {
            throw nameInUse(spec.name());
        }
        // libvirt does not rename a domain by defining it again: an existing machine keeps its name.
        String name = domain(spec.id()).map(d -> call("Reading " + spec.id(), d::getName)).orElse(spec.name());
        String xml = domainXml(spec, name);
        try {
            return status(libvirt().domainDefineXML(xml));
        } catch (LibvirtException e) {
            if (LibvirtCalls.code(e) == ErrorNumber.VIR_ERR_OPERATION_FAILED && String.valueOf(e.getMessage()).contains("already")) {
                throw nameInUse(spec.name()); // another machine took the name since we looked
            }
            throw LibvirtCalls.failure("Defining " + spec.name(), e);
        }
    }

    private String domainXml(MachineSpec spec, String name) {
        Map<String, Volume> volumes = storage.volumesOf(spec.id()).stream()
                .collect(Collectors.toMap(Volume::role, Function.identity(), (a, b) -> a));
        DomainXml xml = new DomainXml(domainType, spec.id(), name).cpu(spec.cpu(), spec.memoryMiB());
        for (MachineSpec.Disk disk : spec.disks()) {
            Volume volume = volumes.get(PoolStorage.role(disk.role()));
            if (volume != null) {
                xml.disk(Path.of(volume.location()), "qcow2");
            }
        }
        if (Files.exists(seedOf(spec.id()))) {
            xml.readOnlyDisk(seedOf(spec.id()));
        }
        return xml.network(settings.network()).serialLog(serialLogOf(spec.id()))
                .kernel(settings.kernel(), settings.initrd(), settings.kernelArgs()).build();
    }

    @Override
    public MachineStatus ensurePower(UUID machineId, PowerState power) {
        Domain domain = require(machineId);
        boolean active = call("Reading " + machineId, domain::isActive) == 1;
        if (power == PowerState.On && !active) {
            prepareLogs();
            run("Starting " + machineId, domain::create);
        } else if (power == PowerState.Off && active) {
            Domains.stopHard(domain);
        }
        return status(domain);
    }

    @Override
    public MachineStatus reboot(UUID machineId) {
        Domain domain = require(machineId);
        if (call("Reading " + machineId, domain::isActive) == 0) {
            prepareLogs();
            run("Starting " + machineId, domain::create);
        } else {
            try {
                domain.reset(); // a hard reset: a guest that ignores ACPI reboots too
            } catch (LibvirtException e) {
                if (LibvirtCalls.code(e) != ErrorNumber.VIR_ERR_NO_SUPPORT) {
                    throw LibvirtCalls.failure("Resetting " + machineId, e);
                }
                run("Rebooting " + machineId, () -> domain.reboot(0));
            }
        }
        return status(domain);
    }

    @Override
    public void destroy(UUID machineId) {
        domain(machineId).ifPresent(domain -> {
            Domains.stopHard(domain);
            find("Undefining " + machineId, ErrorNumber.VIR_ERR_NO_DOMAIN, () -> {
                domain.undefine(Domain.UndefineFlags.SNAPSHOTS_METADATA | Domain.UndefineFlags.MANAGED_SAVE);
                return machineId;
            });
        });
        storage.deleteVolumes(machineId);
        deleteFile(seedOf(machineId));
        deleteFile(serialLogOf(machineId));
    }

    @Override
    public Optional<MachineStatus> inspect(UUID machineId) {
        return domain(machineId).flatMap(Domains::status);
    }

    @Override
    public List<MachineStatus> list() {
        return Arrays.stream(call("Listing machines", () -> libvirt().listAllDomains(0)))
                .flatMap(domain -> Domains.status(domain).stream())
                .toList();
    }

    // Volumes

    @Override
    public boolean linkedClones() {
        return true;
    }

    @Override
    public Volume ensureVolume(VolumeSpec spec) {
        return storage.ensureVolume(spec);
    }

    @Override
    public List<Volume> volumesOf(UUID machineId) {
        return storage.volumesOf(machineId);
    }

    @Override
    public void deleteVolumes(UUID machineId) {
        if (domain(machineId).isPresent()) {
            throw new DriverException("VolumeInUse", "Machine " + machineId + " is still defined: destroy it first.", false);
        }
        storage.deleteVolumes(machineId);
    }

    // Master images

    @Override
    public String ensureMaster(MasterImage image, ImageContent content) {
        String name = ImageCache.fileName(image);
        if (storage.master(name).isEmpty()) {
            images.ensure(image, content);
            run("Refreshing pool " + settings.imagesPool(), () -> storage.imagesPool().refresh(0));
            if (storage.master(name).isEmpty()) {
                throw new DriverException("ImageNotFound", "Image " + name + " is in " + settings.mastersDir()
                        + " but pool " + settings.imagesPool() + " does not list it.", false);
            }
        }
        return name;
    }

    // Snapshots

    @Override
    public Snapshot ensureSnapshot(UUID machineId, String name) {
        Domain domain = require(machineId);
        DomainSnapshot snapshot = find("Looking up snapshot " + name, ErrorNumber.VIR_ERR_NO_DOMAIN_SNAPSHOT,
                () -> domain.snapshotLookupByName(name)).orElseGet(() -> call("Snapshotting " + machineId,
                        () -> domain.snapshotCreateXML("<domainsnapshot><name>" + DomainXml.escape(name)
                                + "</name></domainsnapshot>", 0)));
        return new Snapshot(machineId, name, Domains.createdAt(snapshot));
    }

    @Override
    public List<Snapshot> snapshotsOf(UUID machineId) {
        Optional<Domain> domain = domain(machineId);
        if (domain.isEmpty()) {
            return List.of();
        }
        String[] names = call("Listing snapshots", () -> domain.get().snapshotListNames());
        return Arrays.stream(names)
                .flatMap(name -> find("Looking up snapshot " + name, ErrorNumber.VIR_ERR_NO_DOMAIN_SNAPSHOT,
                        () -> domain.get().snapshotLookupByName(name)).map(s -> new Snapshot(machineId, name, Domains.createdAt(s))).stream())
                .sorted(Comparator.comparing(Snapshot::createdAt))
                .toList();
    }

    @Override
    public void deleteSnapshot(UUID machineId, String name) {
        domain(machineId).flatMap(domain -> find("Looking up snapshot " + name, ErrorNumber.VIR_ERR_NO_DOMAIN_SNAPSHOT,
                () -> domain.snapshotLookupByName(name))).ifPresent(snapshot -> find("Deleting snapshot " + name,
                        ErrorNumber.VIR_ERR_NO_DOMAIN_SNAPSHOT, () -> snapshot.delete(0)));
    }

    // Customization

    /** Writes the machine's seed and makes sure its definition attaches it (read-only), from the next boot on. */
    @Override
    public void customize(UUID machineId, CustomizationSpec spec) {
        Domain domain = require(machineId);
        Path seed = seedOf(machineId);
        seeds.write(machineId, spec, seed);
        String xml = call("Reading " + machineId, () -> domain.getXMLDesc(Domain.XMLFlags.INACTIVE));
        if (!xml.contains("'" + DomainXml.escape(seed.toString()) + "'")) {
            int disks = xml.split("<disk ", -1).length - 1;
            int end = xml.lastIndexOf("</devices>");
            String withSeed = xml.substring(0, end) + DomainXml.seedDisk(seed, "vd" + (char) ('a' + disks)) + xml.substring(end);
            run("Attaching the seed of " + machineId, () -> libvirt().domainDefineXML(withSeed));
        }
    }

    // Guest access

    /** Ready when the serial log holds the ready marker since the machine last started (the log starts empty then). */
    @Override
    public boolean awaitReady(UUID machineId) throws InterruptedException {
        Instant deadline = Instant.now().plus(settings.readyTimeout());
        while (true) {
            Optional<MachineStatus> status = inspect(machineId);
            if (status.isEmpty() || status.get().power() != ObservedPower.On) {
                return false;
            }
            if (settings.readyMarker().isEmpty() || serialLog(machineId).contains(settings.readyMarker())) {
                return true;
            }
            if (!Instant.now().isBefore(deadline)) {
                return false;
            }
            Thread.sleep(READY_POLL);
        }
    }

    /** The ACPI power button, then up to {@code shutdown-timeout} for the guest to power itself off. */
    @Override
    public boolean shutDown(UUID machineId) throws InterruptedException {
        Optional<Domain> domain = domain(machineId);
        return domain.isPresent() && Domains.shutDown(domain.get(), settings.shutdownTimeout(), GUEST_POLL);
    }

    /**
     * libvirt's own reboot (for QEMU: the ACPI power button, and the machine reset instead of turned off once the
     * guest has shut down), seen through on the serial console: the guest is back when it printed the ready
     * marker once more. A guest that never printed the marker cannot be seen coming back: false, and the step
     * resets it.
     */
    @Override
    public boolean restart(UUID machineId) throws InterruptedException {
        Optional<Domain> domain = domain(machineId);
        String marker = settings.readyMarker();
        if (domain.isEmpty() || !Domains.isActive(domain.get()) || marker.isEmpty()) {
            return false;
        }
        int readyBefore = occurrences(serialLog(machineId), marker);
        if (readyBefore == 0) {
            return false;
        }
        try {
            domain.get().reboot(0);
        } catch (LibvirtException e) {
            return false; // no way to ask this guest: the reset it is
        }
        Instant deadline = Instant.now().plus(settings.shutdownTimeout()).plus(settings.readyTimeout());
        while (Instant.now().isBefore(deadline)) {
            if (!Domains.isActive(domain.get())) {
                return false; // it went off instead of restarting: the step's reboot starts it
            }
            if (occurrences(serialLog(machineId), marker) > readyBefore) {
                return true;
            }
            Thread.sleep(GUEST_POLL);
        }
        return false;
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    @Override
    public Duration readyTimeout() {
        return settings.readyTimeout();
    }

    @Override
    public Connection connection(UUID machineId) {
        Domain domain = require(machineId);
        String name = call("Reading " + machineId, domain::getName);
        boolean active = call("Reading " + machineId, domain::isActive) == 1;
        String address = active ? Domains.address(domain) : null;
        String pty = active ? Domains.consolePty(call("Reading " + machineId, () -> domain.getXMLDesc(0))) : null;
        return new Connection(address, "virsh -c " + settings.uri() + " console " + name
                + (pty != null ? " (pty " + pty + ")" : "") + "; serial log " + serialLogOf(machineId));
    }

    /** What the machine's serial console printed since it last started (empty when nothing yet). */
    public String serialLog(UUID machineId) {
        try {
            return Files.readString(serialLogOf(machineId), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    Path seedOf(UUID machineId) {
        return settings.seedsDir().resolve(machineId + ".iso");
    }

    Path serialLogOf(UUID machineId) {
        return settings.logsDir().resolve(machineId + ".serial.log");
    }

    // Helpers

    private Optional<Domain> domain(UUID machineId) {
        return find("Looking up " + machineId, ErrorNumber.VIR_ERR_NO_DOMAIN, () -> libvirt().domainLookupByUUID(machineId));
    }

    private Domain require(UUID machineId) {
        return domain(machineId).orElseThrow(() -> DriverException.machineNotFound(machineId));
    }

    private MachineStatus status(Domain domain) {
        return Domains.status(domain).orElseThrow(() -> new DriverException("MachineNotFound",
                "A machine vanished while it was being read.", true));
    }

    private void prepareLogs() {
        try {
            Files.createDirectories(settings.logsDir());
        } catch (IOException e) {
            throw new DriverException("HostMisconfigured", "Cannot make " + settings.logsDir() + ": " + e.getMessage(), false, e);
        }
    }

    private static void deleteFile(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new DriverException("HostMisconfigured", "Cannot delete " + file + ": " + e.getMessage(), true, e);
        }
    }

    private static DriverException nameInUse(String name) {
        return new DriverException("NameInUse", "Another machine on this host is called " + name + ".", false);
    }

    private static String version(long encoded) {
        return encoded / 1_000_000 + "." + encoded / 1000 % 1000 + "." + encoded % 1000;
    }
}
