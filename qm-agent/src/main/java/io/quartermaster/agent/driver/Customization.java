package io.quartermaster.agent.driver;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Optional feature: what a machine should know at its first boot (hostname, users, keys, scripts), e.g. as a
 * cloud-init NoCloud seed attached to the machine.
 */
public interface Customization {

    /**
     * Gives the defined machine this customization, replacing any earlier one, so repeating it is harmless.
     * Fails with {@code MachineNotFound} for an unknown machine.
     */
    void customize(UUID machineId, CustomizationSpec spec);

    /** {@code settings} are the machine's custom properties, as the template and request set them. */
    record CustomizationSpec(String hostname, Map<String, Object> settings) {

        public CustomizationSpec {
            // Properties may hold nulls, which Map.copyOf refuses.
            settings = settings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }
    }
}
