package io.quartermaster.agent.driver.simulator;

import io.quartermaster.agent.driver.Fingerprint;
import io.quartermaster.agent.time.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The simulator's knobs, from the agent's {@code driver.*} settings. Each per-operation knob has a default
 * ({@code latency=50ms}) and an override per operation ({@code latency.Create-Machine=2s}):
 *
 * <pre>
 * seed                       random decisions repeat for the same seed (default: a random one, logged)
 * latency[.Op]               how long each call takes (default 0ms)
 * failure.rate[.Op]          share of calls that fail before doing anything, 0..1 (default 0)
 * failure.retryable[.Op]     whether those failures say a retry may help (default true)
 * crash.rate[.Op]            share of calls that do their effect and then throw as if the agent died (default 0)
 * host.cpu, host.memoryMiB, host.hypervisor, host.hypervisorVersion   the host's facts
 * images                     the images clones may be made from, comma-separated (default: any)
 * unmanaged                  names of machines that exist on the host without Quartermaster having made them
 * state-file                 keep what the host holds (machines, volumes, snapshots…) in this JSON file, an absolute
 *                            path with {host} for the host's id (default: memory only)
 * </pre>
 *
 * The state file names the host because one agent may serve several hosts with the same settings, and each
 * simulated host must keep its own machines.
 *
 * Operations: Create-Machine, Start-Machine, Stop-Machine, Reboot-Machine, Destroy-Machine, Inspect-Machine,
 * List-Machines, Customize-Machine, Create-Volume, Delete-Volume, List-Volumes, Snapshot-Machine,
 * Delete-Snapshot, List-Snapshots.
 */
record SimulatorSettings(
        long seed,
        Map<Operation, Duration> latency,
        Map<Operation, Double> failureRate,
        Map<Operation, Boolean> failureRetryable,
        Map<Operation, Double> crashRate,
        Fingerprint fingerprint,
        Set<String> images,
        List<String> unmanaged,
        String stateFile) {

    private static final String HOST_PLACEHOLDER = "{host}";
    private static final String STATE_FILE = "state-file";
    private static final Set<String> PLAIN_KEYS = Set.of("seed", "host.cpu", "host.memoryMiB", "host.hypervisor",
            "host.hypervisorVersion", "images", "unmanaged", STATE_FILE);
    private static final List<String> KNOBS = List.of("latency", "failure.rate", "failure.retryable", "crash.rate");

    static SimulatorSettings parse(Map<String, String> settings) {
        List<String> problems = new ArrayList<>();
        for (String key : settings.keySet()) {
            if (!PLAIN_KEYS.contains(key) && KNOBS.stream().noneMatch(knob -> isKnob(key, knob))) {
                problems.add("driver." + key + " is not a simulator setting");
            }
        }
        var reader = new Reader(settings, problems);
        long seed = reader.value("seed", Long::parseLong, ThreadLocalRandom.current().nextLong());
        var latency = reader.perOperation("latency", Durations::parse, Duration.ZERO);
        var failureRate = reader.perOperation("failure.rate", Reader::rate, 0.0);
        var failureRetryable = reader.perOperation("failure.retryable", Reader::bool, true);
        var crashRate = reader.perOperation("crash.rate", Reader::rate, 0.0);
        var fingerprint = new Fingerprint(reader.value("host.cpu", Integer::parseInt, 16),
                reader.value("host.memoryMiB", Long::parseLong, 65_536L),
                settings.getOrDefault("host.hypervisor", "simulator"),
                settings.getOrDefault("host.hypervisorVersion", "1.0"));
        String stateFile = reader.value(STATE_FILE, SimulatorSettings::stateFilePattern, null);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new SimulatorSettings(seed, latency, failureRate, failureRetryable, crashRate, fingerprint,
                Set.copyOf(list(settings.get("images"))), list(settings.get("unmanaged")), stateFile);
    }

    /** The state file of the host {@code hostId}, if its state is to be kept. */
    Optional<Path> stateFileOf(UUID hostId) {
        return Optional.ofNullable(stateFile).map(pattern -> Path.of(pattern.replace(HOST_PLACEHOLDER, hostId.toString())));
    }

    /**
     * Absolute, because driver settings reach the driver as they were written and it does not know the config
     * file's folder; with {host}, because hosts sharing these settings must not share a file.
     */
    private static String stateFilePattern(String pattern) {
        if (!pattern.contains(HOST_PLACEHOLDER)) {
            throw new IllegalArgumentException("'" + pattern + "' must contain " + HOST_PLACEHOLDER
                    + " (replaced by the host's id: each host keeps its own file)");
        }
        if (!Path.of(pattern.replace(HOST_PLACEHOLDER, "host")).isAbsolute()) {
            throw new IllegalArgumentException("'" + pattern + "' must be an absolute path");
        }
        return pattern;
    }

    private static boolean isKnob(String key, String knob) {
        return key.equals(knob) || key.startsWith(knob + ".") && Operation.byLabel(key.substring(knob.length() + 1)).isPresent();
    }

    private static List<String> list(String value) {
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Reads values, collecting every problem with the key to fix rather than stopping at the first. */
    private record Reader(Map<String, String> settings, List<String> problems) {

        <T> T value(String key, Function<String, T> parser, T fallback) {
            String text = settings.get(key);
            if (text == null) {
                return fallback;
            }
            try {
                return parser.apply(text.strip());
            } catch (IllegalArgumentException e) {
                problems.add("driver." + key + ": " + (e.getMessage() == null ? "invalid value '" + text + "'" : e.getMessage()));
                return fallback;
            }
        }

        <T> Map<Operation, T> perOperation(String knob, Function<String, T> parser, T fallback) {
            T general = value(knob, parser, fallback);
            Map<Operation, T> values = new EnumMap<>(Operation.class);
            for (Operation operation : Operation.values()) {
                values.put(operation, value(knob + "." + operation.label, parser, general));
            }
            return values;
        }

        static double rate(String text) {
            double rate;
            try {
                rate = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a number between 0 and 1");
            }
            if (rate < 0 || rate > 1) {
                throw new IllegalArgumentException("'" + text + "' is not between 0 and 1");
            }
            return rate;
        }

        static boolean bool(String text) {
            return switch (text) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("'" + text + "' is neither true nor false");
            };
        }
    }
}
