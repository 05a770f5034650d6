package io.quartermaster.agent.driver;

import java.util.Map;
import java.util.UUID;

/**
 * Makes drivers of one kind; found with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/io.quartermaster.agent.driver.DriverProvider}).
 */
public interface DriverProvider {

    /** The value of the agent's {@code driver} setting that selects this provider. */
    String name();

    /**
     * A driver for one host. {@code settings} are the agent's {@code driver.*} settings without the prefix.
     *
     * <p>{@code hostId} is the server's id of the host the driver serves. One agent may serve several hosts
     * with one settings map, so a driver that keeps something of its own per host (the simulator's state
     * file) tells them apart by this id; a driver that finds its hypervisor through its settings may ignore
     * it. It is null when the agent only checks its settings ({@code --check}, and before it registers): the
     * driver then checks them and leaves every host's state alone.
     *
     * @throws IllegalArgumentException naming the setting ({@code driver.<key>}) when one is unknown or invalid
     * @throws IllegalStateException when the driver cannot start for this host, saying what to fix
     */
    Driver create(UUID hostId, Map<String, String> settings);
}
