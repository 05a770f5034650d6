package io.quartermaster.agent.driver.libvirt;

import io.quartermaster.agent.driver.Driver;
import io.quartermaster.agent.driver.DriverContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver contract against libvirt's {@code test:///default}, in every build. That hypervisor runs nothing:
 * power, snapshots and volumes (backing-store clones included) are bookkeeping, so this proves the driver's
 * use of libvirt's API, not a guest; {@code LibvirtQemuTest} boots one.
 */
class LibvirtDriverContractTest extends DriverContract {

    @TempDir
    Path stateDir;

    @Override
    protected Driver newDriver() {
        return TestLibvirt.driver(stateDir);
    }

    /** test:///default starts with a running domain called "test". */
    @Override
    protected String unmanagedMachineName() {
        return "test";
    }

    @Override
    protected String knownImage() {
        return TestLibvirt.MASTER;
    }
}
