package io.quartermaster.agent.driver.libvirt;

import static io.quartermaster.agent.driver.libvirt.LibvirtCalls.call;
import static io.quartermaster.agent.driver.libvirt.LibvirtCalls.find;
import static io.quartermaster.agent.driver.libvirt.LibvirtCalls.run;

import io.quartermaster.agent.driver.DriverException;
import io.quartermaster.agent.driver.Volumes.Volume;
import io.quartermaster.agent.driver.Volumes.VolumeSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.libvirt.Connect;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;

/**
 * The machines' disks as volumes of a libvirt storage pool, and the master images as volumes of a second pool
 * (the host's image cache). A disk's volume name says all there is to know about it, so the pool is the only
 * record: {@code <machineId>--<role>--<linked|full|blank>[--<master>]}. A linked clone is a qcow2 volume with
 * the master as its backing file (made in constant time, whatever the master's size); a full copy is a qcow2
 * conversion of the master; a blank disk is an empty qcow2 volume.
 */
final class PoolStorage {

    private static final long GIB = 1L << 30;
    private static final Pattern NAME = Pattern.compile(
            "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})--([a-z0-9-]+)--(linked|full|blank)(?:--(.+))?");
    private static final Pattern BACKING_PATH = Pattern.compile("<backingStore>\\s*<path>([^<]+)</path>");

    private final Supplier<Connect> connect;
    private final LibvirtSettings settings;

    PoolStorage(Supplier<Connect> connect, LibvirtSettings settings) {
        this.connect = connect;
        this.settings = settings;
    }

    /** Makes sure both pools exist and run, defining dir pools at their paths when they are missing. */
    void ensurePools() {
        ensurePool(settings.pool(), settings.poolPath());
        ensurePool(settings.imagesPool(), settings.mastersDir());
    }

    private StoragePool ensurePool(String name, Path path) {
        StoragePool pool = find("Looking up pool " + name, ErrorNumber.VIR_ERR_NO_STORAGE_POOL,
                () -> connect.get().storagePoolLookupByName(name)).orElseGet(() -> call("Defining pool " + name, () -> {
                    StoragePool defined = connect.get().storagePoolDefineXML("<pool type='dir'><name>" + DomainXml.escape(name)
                            + "</name><target><path>" + DomainXml.escape(path.toString()) + "</path></target></pool>", 0);
                    defined.build(0);
                    defined.setAutostart(1);
                    return defined;
                }));
        if (call("Checking pool " + name, pool::isActive) == 0) {
            run("Starting pool " + name, () -> pool.create(0));
        }
        return pool;
    }

    StoragePool pool() {
        return call("Looking up pool " + settings.pool(), () -> connect.get().storagePoolLookupByName(settings.pool()));
    }

    StoragePool imagesPool() {
        return call("Looking up pool " + settings.imagesPool(), () -> connect.get().storagePoolLookupByName(settings.imagesPool()));
    }

    /** The master volume called {@code name}, in the image cache or else in the machines' pool. */
    Optional<StorageVol> master(String name) {
        Optional<StorageVol> cached = find("Looking up master " + name, ErrorNumber.VIR_ERR_NO_STORAGE_VOL,
                () -> imagesPool().storageVolLookupByName(name));
        return cached.isPresent() ? cached : find("Looking up master " + name, ErrorNumber.VIR_ERR_NO_STORAGE_VOL,
                () -> pool().storageVolLookupByName(name));
    }

    Volume ensureVolume(VolumeSpec spec) {
        String mode = spec.baseImage() == null ? "blank" : spec.linkedClone() ? "linked" : "full";
        String name = spec.machineId() + "--" + role(spec.role()) + "--" + mode
                + (spec.baseImage() == null ? "" : "--" + spec.baseImage());
        StoragePool pool = pool();
        Optional<StorageVol> existing = find("Looking up volume " + name, ErrorNumber.VIR_ERR_NO_STORAGE_VOL,
                () -> pool.storageVolLookupByName(name));
        if (existing.isPresent()) {
            return describe(existing.get());
        }
        Optional<StorageVol> master = spec.baseImage() == null ? Optional.empty() : master(spec.baseImage());
        if (spec.baseImage() != null && master.isEmpty()) {
            throw new DriverException("ImageNotFound", "Image " + spec.baseImage() + " is not in pool "
                    + settings.imagesPool() + " or " + settings.pool() + " on this host.", false);
        }
        long capacity = Math.max(spec.sizeGiB() * GIB, master.map(m -> call("Reading master", () -> m.getInfo().capacity)).orElse(0L));
        String xml = "<volume><name>" + DomainXml.escape(name) + "</name><capacity unit='bytes'>" + capacity
                + "</capacity><target><format type='qcow2'/></target>";
        // libvirt makes a volume whole or not at all (it removes what a failed qemu-img left behind).
        StorageVol made = switch (mode) {
            case "blank" -> call("Creating volume " + name, () -> pool.storageVolCreateXML(xml + "</volume>", 0));
            case "linked" -> call("Cloning " + spec.baseImage() + " as " + name, () -> pool.storageVolCreateXML(xml
                    + "<backingStore><path>" + DomainXml.escape(master.get().getPath()) + "</path><format type='"
                    + format(master.get()) + "'/></backingStore></volume>", 0));
            default -> call("Copying " + spec.baseImage() + " to " + name,
                    () -> pool.storageVolCreateXMLFrom(xml + "</volume>", master.get(), 0));
        };
        return describe(made);
    }

    /** The machine's volumes, the system disk first, then by role. */
    List<Volume> volumesOf(UUID machineId) {
        StoragePool pool = pool();
        String prefix = machineId + "--";
        return Arrays.stream(call("Listing pool " + settings.pool(), pool::listVolumes))
                .filter(name -> name.startsWith(prefix))
                .flatMap(name -> find("Looking up volume " + name, ErrorNumber.VIR_ERR_NO_STORAGE_VOL,
                        () -> pool.storageVolLookupByName(name)).stream())
                .map(this::describe)
                .sorted(Comparator.comparing((Volume v) -> !v.role().equals("system")).thenComparing(Volume::role))
                .toList();
    }

    /** Deletes the machine's volumes; a volume already gone counts as deleted. */
    void deleteVolumes(UUID machineId) {
        StoragePool pool = pool();
        String prefix = machineId + "--";
        for (String name : call("Listing pool " + settings.pool(), pool::listVolumes)) {
            if (name.startsWith(prefix)) {
                find("Looking up volume " + name, ErrorNumber.VIR_ERR_NO_STORAGE_VOL, () -> pool.storageVolLookupByName(name))
                        .ifPresent(volume -> find("Deleting volume " + name, ErrorNumber.VIR_ERR_NO_STORAGE_VOL, () -> {
                            volume.delete(0);
                            return name;
                        }));
            }
        }
    }

    /** The path of the machine's volume of {@code role}, if it has one. */
    Optional<Path> pathOf(UUID machineId, String role) {
        return volumesOf(machineId).stream().filter(v -> v.role().equals(role(role))).findFirst().map(v -> Path.of(v.location()));
    }

    private Volume describe(StorageVol volume) {
        String name = call("Reading volume", volume::getName);
        Matcher parts = NAME.matcher(name);
        if (!parts.matches()) {
            throw new IllegalStateException("Volume " + name + " is not a machine disk");
        }
        long capacity = call("Reading volume " + name, () -> volume.getInfo().capacity);
        return new Volume(UUID.fromString(parts.group(1)), parts.group(2), capacity / GIB, parts.group(4),
                parts.group(3).equals("linked"), call("Reading volume " + name, volume::getPath));
    }

    /**
     * The format of a master volume: as the image store declared it (the cache names files {@code .qcow2} or
     * {@code .raw}), else as libvirt reads it. The declared format wins, so a raw image whose bytes look like a
     * qcow2 header cannot make a clone read a backing file of its choosing.
     */
    static String format(StorageVol volume) {
        String name = call("Reading volume", volume::getName);
        if (name.endsWith(".qcow2") || name.endsWith(".raw")) {
            return name.substring(name.lastIndexOf('.') + 1);
        }
        String xml = call("Reading volume", () -> volume.getXMLDesc(0));
        Matcher format = Pattern.compile("<target>.*?<format type='([a-z0-9]+)'/>", Pattern.DOTALL).matcher(xml);
        return format.find() ? format.group(1) : "raw";
    }

    /** The backing file of a volume, if it is a linked clone. */
    static Optional<String> backingPath(StorageVol volume) {
        Matcher backing = BACKING_PATH.matcher(call("Reading volume", () -> volume.getXMLDesc(0)));
        return backing.find() ? Optional.of(backing.group(1)) : Optional.empty();
    }

    /** Roles become part of volume names: lower case letters, digits and single hyphens. */
    static String role(String role) {
        String cleaned = role.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return cleaned.isEmpty() ? "disk" : cleaned;
    }
}
