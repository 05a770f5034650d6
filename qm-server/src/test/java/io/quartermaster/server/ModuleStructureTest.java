package io.quartermaster.server;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Keeps the feature packages honest: no feature reaches into another's internals, and features do not
 * depend on each other in a cycle.
 */
class ModuleStructureTest {

    @Test
    void featuresDependOnEachOtherOnlyThroughTheirPublicApiAndWithoutCycles() {
        ApplicationModules.of(QuartermasterServer.class).verify();
    }
}
