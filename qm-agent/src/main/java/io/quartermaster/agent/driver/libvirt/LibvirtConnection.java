package io.quartermaster.agent.driver.libvirt;

import java.util.function.Supplier;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * The driver's connection to libvirt, opened again when it was lost (libvirtd restarted): a call that found it
 * dead fails as retryable, and the next one gets a new connection.
 */
final class LibvirtConnection implements Supplier<Connect> {

    private final String uri;
    private volatile Connect connect;

    LibvirtConnection(String uri, Connect connect) {
        this.uri = uri;
        this.connect = connect;
    }

    @Override
    public Connect get() {
        Connect current = connect;
        if (alive(current)) {
            return current;
        }
        synchronized (this) {
            if (connect == current) {
                connect = LibvirtCalls.call("Connecting to " + uri, () -> new Connect(uri, false));
                try {
                    current.close();
                } catch (LibvirtException ignored) {
                    // It was dead already.
                }
            }
            return connect;
        }
    }

    private static boolean alive(Connect connect) {
        try {
            return connect.isAlive();
        } catch (LibvirtException e) {
            return false;
        }
    }
}
