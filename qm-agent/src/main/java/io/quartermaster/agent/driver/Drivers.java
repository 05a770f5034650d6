package io.quartermaster.agent.driver;

import java.util.List;
import java.util.ServiceLoader;

/** Finds a driver provider by name; an unknown name fails at start-up, naming the ones there are. */
public final class Drivers {

    private Drivers() {}

    public static DriverProvider provider(String name) {
        List<DriverProvider> providers = available();
        return providers.stream()
                .filter(provider -> provider.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("driver '" + name + "' is unknown (available: "
                        + String.join(", ", providers.stream().map(DriverProvider::name).toList()) + ")"));
    }

    public static List<DriverProvider> available() {
        return ServiceLoader.load(DriverProvider.class).stream().map(ServiceLoader.Provider::get).toList();
    }
}
