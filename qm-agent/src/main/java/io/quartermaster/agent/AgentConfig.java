package io.quartermaster.agent;

import io.quartermaster.agent.steps.StepSettings;
import io.quartermaster.agent.time.Durations;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The agent's settings, read from a properties file. Relative paths are taken from the file's folder.
 *
 * <pre>
 * server.url                    the Quartermaster server (http:// or https://)                required
 * bootstrap.token               one-time token to register with; needed until the credential file exists
 * credential.file               where the registration is kept      default agent-credential.json
 * agent.name                    shown to administrators             default this machine's host name
 * driver                        simulator, libvirt                                                 required
 * driver.&lt;key&gt;                  the driver's own settings (see its documentation)
 * steps.dir                     folder of executables overriding steps (named like the step)
 * steps.timeout                 how long such an executable may run default 4m
 * steps.wait-running.timeout    how long Wait-Running waits         default 2m
 * poll.wait                     how long one long poll waits        default 5m
 * poll.max                      tasks run at once (1–100)           default 20
 * inventory.interval            time between inventory looks        default 60s
 * hosts                         host names the server must have assigned (a check; optional)
 * </pre>
 */
public record AgentConfig(
        URI serverUrl,
        String bootstrapToken,
        Path credentialFile,
        String agentName,
        String driver,
        Map<String, String> driverSettings,
        StepSettings steps,
        Duration pollWait,
        int pollMax,
        Duration inventoryInterval,
        List<String> hosts) {

    /**
     * The server's cost grows with its agents' calls, and a node is meant to hold thousands of agents. An idle
     * primary makes one long poll every five minutes, which the server counts as its heartbeat while it waits,
     * and reports when its inventory changes and otherwise as seldom as the server allows (every 15 minutes by
     * default); a backup, which takes a host over by reporting, reports every minute. The agent still looks at
     * its hypervisor every interval. A long poll answers at once when a task is queued, so its length delays
     * nothing.
     */
    static final Duration DEFAULT_POLL_WAIT = Duration.ofMinutes(5);
    static final Duration DEFAULT_INVENTORY_INTERVAL = Duration.ofSeconds(60);

    private static final Set<String> KEYS = new TreeSet<>(Set.of("server.url", "bootstrap.token", "credential.file",
            "agent.name", "driver", "steps.dir", "steps.timeout", "steps.wait-running.timeout", "poll.wait", "poll.max",
            "inventory.interval", "hosts"));

    /** Reads and checks a config file; every problem is reported at once, with the key to fix. */
    public static AgentConfig load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).strip()));
        Path base = file.toAbsolutePath().getParent();
        List<String> problems = new ArrayList<>();
        AgentConfig config = new Parser(values, base, problems).parse();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(file + ": " + String.join("; ", problems));
        }
        return config;
    }

    /** Collects every problem instead of stopping at the first. */
    private record Parser(Map<String, String> values, Path base, List<String> problems) {

        AgentConfig parse() {
            values.keySet().stream()
                    .filter(key -> !KEYS.contains(key) && !key.startsWith("driver."))
                    .forEach(key -> problems.add(key + " is not a setting (known: " + String.join(", ", KEYS) + ", driver.*)"));
            URI server = serverUrl();
            Path credentialFile = path("credential.file", "agent-credential.json");
            String token = values.getOrDefault("bootstrap.token", "");
            if (token.isEmpty() && credentialFile != null && !Files.exists(credentialFile)) {
                problems.add("bootstrap.token is missing and credential.file " + credentialFile
                        + " does not exist yet: give the one-time token a tenant administrator made for this agent");
            }
            String agentName = values.getOrDefault("agent.name", "");
            if (agentName.length() > 100) {
                problems.add("agent.name is longer than 100 characters");
            }
            String driver = values.getOrDefault("driver", "");
            if (driver.isEmpty()) {
                problems.add("driver is missing: name the hypervisor driver (for example driver=simulator)");
            }
            Map<String, String> driverSettings = new TreeMap<>();
            values.forEach((key, value) -> {
                if (key.startsWith("driver.")) {
                    driverSettings.put(key.substring("driver.".length()), value);
                }
            });
            Path stepsDir = values.containsKey("steps.dir") ? path("steps.dir", null) : null;
            if (stepsDir != null && !Files.isDirectory(stepsDir)) {
                problems.add("steps.dir " + stepsDir + " is not a folder");
            }
            var steps = new StepSettings(stepsDir, duration("steps.timeout", StepSettings.DEFAULT_SCRIPT_TIMEOUT),
                    duration("steps.wait-running.timeout", StepSettings.DEFAULT_WAIT_RUNNING_TIMEOUT), Duration.ofSeconds(1));
            int pollMax = value("poll.max", Integer::parseInt, 20);
            if (pollMax < 1 || pollMax > 100) {
                problems.add("poll.max must be between 1 and 100 (got " + pollMax + ")");
            }
            List<String> hosts = List.of(values.getOrDefault("hosts", "").split("\\s*,\\s*")).stream()
                    .filter(host -> !host.isBlank()).toList();
            return new AgentConfig(server, token.isEmpty() ? null : token, credentialFile,
                    agentName.isEmpty() ? localHostName() : agentName, driver, Map.copyOf(driverSettings), steps,
                    duration("poll.wait", DEFAULT_POLL_WAIT), pollMax, duration("inventory.interval", DEFAULT_INVENTORY_INTERVAL),
                    hosts);
        }

        private URI serverUrl() {
            String url = values.getOrDefault("server.url", "");
            if (url.isEmpty()) {
                problems.add("server.url is missing");
                return null;
            }
            try {
                URI server = URI.create(url);
                if (!"http".equals(server.getScheme()) && !"https".equals(server.getScheme())) {
                    problems.add("server.url must start with http:// or https:// (got " + url + ")");
                }
                return server;
            } catch (IllegalArgumentException e) {
                problems.add("server.url is not a URL: " + url);
                return null;
            }
        }

        private Path path(String key, String fallback) {
            String value = values.getOrDefault(key, fallback);
            try {
                return base.resolve(value).normalize();
            } catch (RuntimeException e) {
                problems.add(key + " is not a path: " + value);
                return null;
            }
        }

        private Duration duration(String key, Duration fallback) {
            Duration duration = value(key, Durations::parse, fallback);
            if (duration.isZero()) {
                problems.add(key + " must be longer than zero");
            }
            return duration;
        }

        private <T> T value(String key, Function<String, T> parser, T fallback) {
            String text = values.get(key);
            if (text == null || text.isEmpty()) {
                return fallback;
            }
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException e) {
                problems.add(key + ": " + (e instanceof NumberFormatException ? "'" + text + "' is not a number" : e.getMessage()));
                return fallback;
            }
        }

        private static String localHostName() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "qm-agent";
            }
        }
    }
}
