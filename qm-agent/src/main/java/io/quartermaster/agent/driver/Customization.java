package io.quartermaster.agent.driver;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * {@code settings} are the machine's custom properties, as the template and request set them;
     * {@code username} and {@code sshKeys} are the owner's (a user to make, with these authorized keys; null and
     * empty when not known); {@code userData} is the template's cloud-init user-data (null when it has none).
     */
    record CustomizationSpec(String hostname, Map<String, Object> settings, String username, List<String> sshKeys,
            String userData) {

        public CustomizationSpec {
            // Properties may hold nulls, which Map.copyOf refuses.
            settings = settings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
            sshKeys = sshKeys == null ? List.of() : List.copyOf(sshKeys);
        }

        public CustomizationSpec(String hostname, Map<String, Object> settings) {
            this(hostname, settings, null, List.of(), null);
        }
    }
}
