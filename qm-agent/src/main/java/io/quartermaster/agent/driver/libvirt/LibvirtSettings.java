package io.quartermaster.agent.driver.libvirt;

import io.quartermaster.agent.time.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code driver.*} settings of {@code driver=libvirt}:
 *
 * <pre>
 * uri            libvirt connection                               qemu:///system
 * domain-type    auto, kvm, qemu (or test, for test:///default)    auto: kvm when the host offers it and /dev/kvm
 *                                                                 is usable, else qemu (software emulation)
 * state-dir      where seeds and serial logs are kept              /var/lib/quartermaster/libvirt
 * pool           storage pool of machine disks (a dir pool,        quartermaster
 *                made at pool-path when missing)
 * pool-path      its directory                                     &lt;state-dir&gt;/pool
 * image-cache    host cache of master images (the pool            &lt;state-dir&gt;/images
 *                &lt;pool&gt;-images lives in its masters/ folder)
 * network        libvirt network of the machines' NIC; empty:      default
 *                no NIC
 * ready-marker   text the guest prints on its serial console       qm-ready
 *                when ready; empty: running counts as ready
 * ready-timeout  how long Wait-Running waits for the marker        2m
 * shutdown-timeout how long a power-off waits for the guest to     1m
 *                shut down after the ACPI power button before it
 *                pulls the plug; 0s: at once
 * kernel, initrd direct kernel boot (both or neither; for small    unset: boot from the system disk
 *                test guests)
 * kernel-args    the kernel command line with direct boot          console=ttyS0
 * </pre>
 */
record LibvirtSettings(String uri, String domainType, Path stateDir, String pool, Path poolPath, Path imageCache,
        String network, String readyMarker, Duration readyTimeout, Duration shutdownTimeout, Path kernel, Path initrd,
        String kernelArgs) {

    static final Set<String> KEYS = new TreeSet<>(List.of("uri", "domain-type", "state-dir", "pool", "pool-path",
            "image-cache", "network", "ready-marker", "ready-timeout", "shutdown-timeout", "kernel", "initrd",
            "kernel-args"));

    /** @throws IllegalArgumentException naming every setting that is unknown or invalid */
    static LibvirtSettings parse(Map<String, String> settings) {
        List<String> problems = new ArrayList<>();
        settings.keySet().stream().filter(key -> !KEYS.contains(key))
                .forEach(key -> problems.add("driver." + key + " is not a libvirt setting (known: " + String.join(", ", KEYS) + ")"));
        String domainType = settings.getOrDefault("domain-type", "auto");
        if (!domainType.matches("[a-z]+")) {
            problems.add("driver.domain-type '" + domainType + "' is not a domain type (auto, kvm, qemu)");
        }
        Path stateDir = Path.of(settings.getOrDefault("state-dir", "/var/lib/quartermaster/libvirt"));
        String pool = settings.getOrDefault("pool", "quartermaster");
        if (!pool.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            problems.add("driver.pool '" + pool + "' is not a pool name (letters, digits, . _ -)");
        }
        Duration readyTimeout = duration(settings, "ready-timeout", Duration.ofMinutes(2), problems);
        Duration shutdownTimeout = duration(settings, "shutdown-timeout", Duration.ofMinutes(1), problems);
        Path kernel = path(settings.get("kernel"));
        Path initrd = path(settings.get("initrd"));
        if ((kernel == null) != (initrd == null)) {
            problems.add("driver.kernel and driver.initrd go together: set both for direct kernel boot, or neither");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new LibvirtSettings(settings.getOrDefault("uri", "qemu:///system"), domainType, stateDir, pool,
                Path.of(settings.getOrDefault("pool-path", stateDir.resolve("pool").toString())),
                Path.of(settings.getOrDefault("image-cache", stateDir.resolve("images").toString())),
                settings.getOrDefault("network", "default"), settings.getOrDefault("ready-marker", "qm-ready"),
                readyTimeout, shutdownTimeout, kernel, initrd, settings.getOrDefault("kernel-args", "console=ttyS0"));
    }

    private static Duration duration(Map<String, String> settings, String key, Duration otherwise, List<String> problems) {
        String value = settings.get(key);
        if (value == null) {
            return otherwise;
        }
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add("driver." + key + " " + e.getMessage());
            return otherwise;
        }
    }

    private static Path path(String value) {
        return value == null || value.isBlank() ? null : Path.of(value);
    }

    Path seedsDir() {
        return stateDir.resolve("seeds");
    }

    Path logsDir() {
        return stateDir.resolve("logs");
    }

    String imagesPool() {
        return pool + "-images";
    }

    Path mastersDir() {
        return imageCache.resolve("masters");
    }

    Path downloadsDir() {
        return imageCache.resolve("downloads");
    }
}
