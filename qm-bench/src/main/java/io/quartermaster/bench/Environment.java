package io.quartermaster.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** What machine a figure was measured on, written next to it. */
public final class Environment {

    private Environment() {}

    public static Map<String, Object> describe() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        // Other work on the machine slows every figure; the load when a run starts says whether there was any.
        machine.put("loadAverage", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return machine;
    }
}
