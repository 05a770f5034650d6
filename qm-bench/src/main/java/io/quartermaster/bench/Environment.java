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
        machine.put("memoryMiB", totalMemoryMiB());
        return machine;
    }

    /**
     * The first sentence of a section: the command that reproduces it, when and on what it was measured
     * (from {@code when}, {@code machine} and, if there, {@code database} of its figures).
     */
    @SuppressWarnings("unchecked")
    public static String reproduce(String command, Map<String, Object> figures) {
        Map<String, Object> machine = (Map<String, Object>) figures.get("machine");
        return "Reproduce with `" + command + "` (PostgreSQL from `scripts/ensure-postgres.sh`). Measured "
                + figures.get("when") + " on " + machine.get("cores") + " cores, " + machine.get("memoryMiB")
                + " MiB of memory, " + machine.get("os") + ", " + machine.get("java")
                + (figures.get("database") != null ? "; " + figures.get("database") : "")
                + String.format("; load average %.1f when it started.", (double) machine.get("loadAverage"));
    }

    private static long totalMemoryMiB() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024 * 1024);
        }
        return -1;
    }
}
