package io.quartermaster.agent.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.quartermaster.agent.driver.MasterImages.MasterImage;
import io.quartermaster.agent.driver.Volumes.VolumeSpec;
import io.quartermaster.agent.steps.StepCatalog;
import io.quartermaster.agent.steps.StepSettings;
import io.quartermaster.agent.steps.StepTask;
import io.quartermaster.agent.time.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.StoragePool;
import tools.jackson.databind.json.JsonMapper;

/**
 * The libvirt driver against a real QEMU, through the agent's steps with the parameters the server sends: the tiny
 * guest of {@code scripts/build-tiny-guest.sh} is fetched into the host's cache, boots from a linked clone of it,
 * customized by a cloud-init seed, and is watched from outside with {@code virsh}. Runs only
 * when asked ({@code -Dqm.test.libvirt.qemu=true}), as it needs a libvirt daemon ({@code scripts/ensure-libvirt.sh
 * --daemon}) and boots guests (5–9 s each under software emulation). Everything it makes lives in a folder of
 * its own and in two pools of its own, all removed at the end; every domain it starts is destroyed.
 *
 * <p>Settings: {@code qm.test.libvirt.uri} (qemu:///system), {@code qm.test.libvirt.domain-type} (qemu: on this
 * kind of machine /dev/kvm exists but guests hang under it), {@code qm.test.tiny-guest} (the script's folder).
 */
class LibvirtQemuTest {

    /** Long enough for the tiny guest's acpid to power it off on a busy machine; a hard stop would take this long. */
    private static final Duration SHUTDOWN = Duration.ofSeconds(90);

    private static final System.Logger log = System.getLogger(LibvirtQemuTest.class.getName());
    private static final String URI = System.getProperty("qm.test.libvirt.uri", "qemu:///system");

    private Path stateDir;
    private Path tinyGuest;
    private LibvirtDriver driver;
    private final List<UUID> machines = new ArrayList<>();
    private final Map<UUID, String> names = new java.util.HashMap<>();

    @BeforeEach
    void start() throws IOException {
        assumeThat(Boolean.getBoolean("qm.test.libvirt.qemu"))
                .as("the real-QEMU test runs with -Dqm.test.libvirt.qemu=true (see README: libvirt driver)").isTrue();
        tinyGuest = Path.of(System.getProperty("qm.test.tiny-guest", System.getProperty("user.home") + "/.cache/quartermaster/tiny-guest"));
        assertThat(tinyGuest.resolve("master.qcow2")).as("run scripts/build-tiny-guest.sh first").exists();
        // libvirt runs QEMU as its own user: everything the guest opens must be reachable by it.
        stateDir = Files.createTempDirectory(Path.of("/tmp"), "qm-qemu-test-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path boot = Files.createDirectory(stateDir.resolve("boot"));
        Files.copy(tinyGuest.resolve("vmlinuz"), boot.resolve("vmlinuz"));
        Files.copy(tinyGuest.resolve("initrd.img"), boot.resolve("initrd.img"));
        String suffix = stateDir.getFileName().toString().substring("qm-qemu-test-".length());
        driver = LibvirtProvider.create(Map.of("uri", URI, "domain-type", System.getProperty("qm.test.libvirt.domain-type", "qemu"),
                "state-dir", stateDir.toString(), "pool", "qm-test-" + suffix, "kernel", boot.resolve("vmlinuz").toString(),
                "initrd", boot.resolve("initrd.img").toString(), "kernel-args", "console=ttyS0 quiet",
                "ready-timeout", Long.getLong("qm.test.libvirt.boot-seconds", 240) + "s", "shutdown-timeout", SHUTDOWN.toSeconds() + "s",
                "network", networkActive() ? "default" : ""));
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (driver == null) {
            return;
        }
        for (UUID id : machines) {
            String name = driver.inspect(id).map(m -> m.name()).orElse(null);
            driver.destroy(id);
            if (name != null || names.containsKey(id)) {
                // libvirt's own log of the QEMU process, which libvirt keeps after a domain is gone: ours to tidy here
                Files.deleteIfExists(Path.of("/var/log/libvirt/qemu", (name != null ? name : names.get(id)) + ".log"));
            }
        }
        Connect connect = driver.libvirt();
        for (String name : List.of(poolName(), poolName() + "-images")) {
            StoragePool pool = connect.storagePoolLookupByName(name);
            for (String volume : pool.listVolumes()) {
                pool.storageVolLookupByName(volume).delete(0);
            }
            pool.destroy();
            pool.undefine();
        }
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
        assertThat(stateDir).doesNotExist();
    }

    @Test
    void aTinyGuestBootsFromALinkedCloneCustomizedAndIsGoneWithoutTraceAfterDestroy() throws Exception {
        UUID id = UUID.randomUUID();
        machines.add(id);
        String name = "qm-tiny-" + id.toString().substring(0, 8);
        names.put(id, name);
        Path masterFile = tinyGuest.resolve("master.qcow2");
        StepCatalog steps = StepCatalog.forDriver(driver, StepSettings.defaults(), JsonMapper.builder().build(),
                Clock.systemUTC(), Sleeper.REAL, path -> {
                    assertThat(path).isEqualTo("/agent/v1/images/tiny/content");
                    return Files.newInputStream(masterFile);
                });
        Map<String, Object> parameters = Map.of("machineId", id.toString(), "name", name, "cpu", 1, "memoryMiB", 128,
                "disks", List.of(Map.of("role", "system", "sizeGiB", 1)), "hostname", name, "ownerUsername", "alice",
                "sshKeys", List.of("ssh-ed25519 AAAAC3Nz alice@qm"), "diskMode", "LINKED_CLONE",
                "image", Map.of("id", "tiny", "name", "tiny-guest", "version", "1", "format", "qcow2",
                        "sizeBytes", Files.size(masterFile), "sha256", sha256(masterFile), "contentPath", "/agent/v1/images/tiny/content"));
        Map<String, Long> millis = new java.util.LinkedHashMap<>();

        // The first Create-Volume also fetches the master into the host's cache: timed on its own, then again.
        Map<String, Object> volumes = timed(millis, "Create-Volume (fetch + clone)", () -> steps.run(task("Create-Volume", id, parameters)));
        driver.destroy(id);
        volumes = timed(millis, "Create-Volume", () -> steps.run(task("Create-Volume", id, parameters)));
        timed(millis, "Create-Machine", () -> steps.run(task("Create-Machine", id, parameters)));
        timed(millis, "Customize-Machine", () -> steps.run(task("Customize-Machine", id, parameters)));
        timed(millis, "Start-Machine", () -> steps.run(task("Start-Machine", id, parameters)));
        Map<String, Object> running = timed(millis, "Wait-Running", () -> steps.run(task("Wait-Running", id, parameters)));

        String systemDisk = (String) ((Map<?, ?>) ((List<?>) volumes.get("volumes")).getFirst()).get("location");
        String master = ImageCache.fileName(new MasterImage("tiny", "tiny-guest", "1", "qcow2", 0, sha256(masterFile)));
        assertThat(driver.serialLog(id)).contains("qm-guest: hostname=" + name + " boots=1");
        assertThat(virsh("domstate", id.toString())).contains("running");
        assertThat(virsh("domblklist", id.toString())).contains(systemDisk);
        assertThat(run("qemu-img", "info", "-U", systemDisk)).contains("backing file: " + stateDir.resolve("images/masters/" + master));
        assertThat(running).containsEntry("power", "On").containsKey("address")
                .hasEntrySatisfying("console", console -> assertThat((String) console).contains("console " + name));
        long controlPlane = millis.entrySet().stream().filter(e -> !e.getKey().startsWith("Create-Volume (")
                && !e.getKey().equals("Wait-Running")).mapToLong(Map.Entry::getValue).sum();
        log.log(System.Logger.Level.INFO, "steps (ms): {0}; control plane without boot: {1} ms; address {2}; console {3}",
                millis, controlPlane, running.get("address"), running.get("console"));

        long snapshotStart = System.nanoTime();
        driver.ensureSnapshot(id, "first-boot");
        assertThat(driver.snapshotsOf(id)).extracting(snapshot -> snapshot.name()).containsExactly("first-boot");
        assertThat(virsh("snapshot-list", "--name", id.toString())).contains("first-boot");
        log.log(System.Logger.Level.INFO, "snapshot of the running guest {0} ms", ms(System.nanoTime() - snapshotStart));

        // A reboot asks the guest (libvirt's reboot: the ACPI power button, then a reset instead of the power-off) and
        // waits until it is back: the step ends after the second boot's ready marker, not right after a hard reset.
        long rebooting = System.nanoTime();
        assertThat(steps.run(task("Reboot-Machine", id, parameters))).containsEntry("power", "On");
        log.log(System.Logger.Level.INFO, "clean reboot to ready {0} ms", ms(System.nanoTime() - rebooting));
        assertThat(driver.serialLog(id)).as("the first boot's write is in the clone").contains("boots=2")
                .containsPattern("(?s)qm-ready.*boots=2.*qm-ready");

        // Power-off asks the guest too (its acpid powers it off), well before the plug would be pulled.
        long stopping = System.nanoTime();
        assertThat(steps.run(task("Stop-Machine", id, parameters))).containsEntry("power", "Off");
        long stopMillis = ms(System.nanoTime() - stopping);
        log.log(System.Logger.Level.INFO, "clean shutdown {0} ms", stopMillis);
        assertThat(stopMillis).as("shut down by the guest, not after the timeout").isLessThan(SHUTDOWN.toMillis());

        long again = System.nanoTime();
        steps.run(task("Start-Machine", id, parameters));
        steps.run(task("Wait-Running", id, parameters));
        log.log(System.Logger.Level.INFO, "third boot to ready {0} ms", ms(System.nanoTime() - again));
        assertThat(driver.serialLog(id)).as("the log starts again with each start").contains("boots=3")
                .doesNotContain("boots=2");
        assertThat(steps.run(task("Stop-Machine", id, parameters))).containsEntry("power", "Off");

        steps.run(task("Destroy-Machine", id, parameters));
        steps.run(task("Delete-Volume", id, parameters));
        assertThat(driver.inspect(id)).isEmpty();
        assertThat(virsh("list", "--all", "--uuid")).doesNotContain(id.toString());
        assertThat(driver.volumesOf(id)).isEmpty();
        assertThat(Path.of(systemDisk)).doesNotExist();
        assertThat(driver.seedOf(id)).doesNotExist();
        assertThat(driver.serialLogOf(id)).doesNotExist();
        assertThat(stateDir.resolve("images/masters/" + master)).as("the master stays cached").exists();
    }

    private static StepTask task(String step, UUID id, Map<String, Object> parameters) {
        return new StepTask(UUID.randomUUID(), step, id, parameters, false);
    }

    private static <T> T timed(Map<String, Long> millis, String what, java.util.function.Supplier<T> action) {
        long start = System.nanoTime();
        T result = action.get();
        millis.put(what, ms(System.nanoTime() - start));
        return result;
    }

    /** A linked clone reads only the master's header: its making takes as long for 2 GiB as for 10 MiB. */
    @Test
    void linkedCloneTimeDoesNotDependOnTheMasterSize() throws Exception {
        Map<String, Long> sizes = Map.of("small", 10L << 20, "large", 2L << 30);
        Path masters = stateDir.resolve("images/masters");
        for (var size : sizes.entrySet()) {
            try (var file = new RandomAccessFile(masters.resolve(size.getKey() + ".raw").toFile(), "rw")) {
                file.setLength(size.getValue()); // sparse: the clone does not read the data anyway
            }
        }
        driver.libvirt().storagePoolLookupByName(poolName() + "-images").refresh(0);
        StringBuilder report = new StringBuilder();
        for (String master : List.of("small", "large", "small", "large")) {
            UUID id = UUID.randomUUID();
            machines.add(id);
            long start = System.nanoTime();
            driver.ensureVolume(new VolumeSpec(id, "system", 1, master + ".raw", true));
            report.append(master).append(' ').append(String.format("%.1f", (System.nanoTime() - start) / 1e6)).append(" ms; ");
        }
        log.log(System.Logger.Level.INFO, "linked clones: {0}", report);
    }

    private String poolName() {
        return "qm-test-" + stateDir.getFileName().toString().substring("qm-qemu-test-".length());
    }

    private boolean networkActive() {
        try {
            return run("virsh", "-c", URI, "net-info", "default").matches("(?s).*Active:\\s+yes.*");
        } catch (Exception e) {
            return false;
        }
    }

    private static String virsh(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("virsh", "-c", URI));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
