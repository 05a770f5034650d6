package io.quartermaster.agent;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The agent's settings, read from a properties file: where the server is, how to authenticate, which
 * driver to use. The agent's protocol and poll loop come with the agent issue; this is the part every
 * later piece reads.
 */
public record AgentConfig(URI serverUrl, String bootstrapToken, String driver, List<String> hosts) {

    /** Reads and checks a config file; every problem is reported at once, with the key to fix. */
    public static AgentConfig load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        List<String> problems = new ArrayList<>();
        URI server = null;
        String url = properties.getProperty("server.url", "").strip();
        if (url.isEmpty()) {
            problems.add("server.url is missing");
        } else {
            try {
                server = URI.create(url);
                if (!"http".equals(server.getScheme()) && !"https".equals(server.getScheme())) {
                    problems.add("server.url must start with http:// or https:// (got " + url + ")");
                }
            } catch (IllegalArgumentException e) {
                problems.add("server.url is not a URL: " + url);
            }
        }
        String token = properties.getProperty("bootstrap.token", "").strip();
        String driver = properties.getProperty("driver", "simulator").strip();
        List<String> hosts = List.of(properties.getProperty("hosts", "").split("\\s*,\\s*")).stream()
                .filter(host -> !host.isBlank()).toList();
        if (hosts.isEmpty()) {
            problems.add("hosts is missing: name at least one host this agent serves");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(file + ": " + String.join("; ", problems));
        }
        return new AgentConfig(server, token.isEmpty() ? null : token, driver, hosts);
    }
}
