package io.quartermaster.agent.driver.libvirt;

import static org.assertj.core.api.Assumptions.assumeThat;

import io.quartermaster.agent.driver.Drivers;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * libvirt's {@code test:///default} hypervisor for tests: in this process, no daemon needed, only the system's
 * libvirt library. Without the library the tests that use it are skipped, saying why, unless
 * {@code qm.test.libvirt.required=true} (CI), which makes its absence a failure.
 */
final class TestLibvirt {

    static final String MASTER = "contract-master.qcow2";

    private TestLibvirt() {}

    static Map<String, String> settings(Path stateDir) {
        return Map.of("uri", "test:///default", "state-dir", stateDir.toString(), "pool", "qm-contract",
                "pool-path", "/qm-contract-pool", "image-cache", "/qm-contract-images", "ready-timeout", "1s");
    }

    /**
     * A driver on test:///default whose machines' pool holds {@link #MASTER}. Not the image cache's pool: the test
     * hypervisor copies a volume only within its pool (real libvirt copies across pools), so the contract's full
     * copies would fail there for a reason of the test hypervisor's own.
     */
    static LibvirtDriver driver(Path stateDir) {
        LibvirtDriver driver;
        try {
            driver = (LibvirtDriver) Drivers.provider("libvirt").create(UUID.randomUUID(), settings(stateDir));
        } catch (IllegalStateException | LinkageError e) {
            if (Boolean.getBoolean("qm.test.libvirt.required")) {
                throw e;
            }
            assumeThat(e).as("libvirt is not installed here (scripts/ensure-libvirt.sh installs it): " + e.getMessage()).isNull();
            throw e;
        }
        PoolStorage storage = new PoolStorage(driver::libvirt, LibvirtSettings.parse(settings(stateDir)));
        if (storage.master(MASTER).isEmpty()) {
            LibvirtCalls.call("Making the contract master", () -> storage.pool().storageVolCreateXML(
                    "<volume><name>" + MASTER + "</name><capacity unit='MiB'>64</capacity><target><format type='qcow2'/>"
                            + "</target></volume>", 0));
        }
        return driver;
    }
}
