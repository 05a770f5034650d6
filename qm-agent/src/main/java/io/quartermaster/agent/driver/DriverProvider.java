package io.quartermaster.agent.driver;

import java.util.Map;

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
     * @throws IllegalArgumentException naming the setting ({@code driver.<key>}) when one is unknown or invalid
     */
    Driver create(Map<String, String> settings);
}
