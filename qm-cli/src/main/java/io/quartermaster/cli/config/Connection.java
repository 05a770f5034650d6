package io.quartermaster.cli.config;

import io.quartermaster.cli.CliEnvironment;
import io.quartermaster.cli.CliException;
import io.quartermaster.cli.ExitCodes;
import java.net.URI;
import java.util.Optional;

/**
 * The server and token a command talks to. {@code QM_SERVER} and {@code QM_TOKEN} override the context's;
 * the context is {@code --context}, else {@code QM_CONTEXT}, else the config's current one. A context's token
 * is never sent to another server than the context's: {@code QM_SERVER} alone, naming another server,
 * needs {@code QM_TOKEN} too.
 */
public record Connection(URI server, String token, String contextName) {

    public static Connection resolve(QmConfig config, CliEnvironment environment, String contextOption) {
        String wanted = contextOption != null ? contextOption : environment.variable("QM_CONTEXT").orElse(null);
        Optional<ContextEntry> context;
        if (wanted != null) {
            context = Optional.of(config.context(wanted).orElseThrow(() -> CliException.notFound(
                    "There is no context '" + wanted + "'. 'qm context list' shows them; 'qm login' adds one.")));
        } else {
            context = Optional.ofNullable(config.currentContext()).flatMap(config::context);
        }
        Optional<String> serverVariable = environment.variable("QM_SERVER").map(Connection::normalize);
        String server = serverVariable.or(() -> context.map(ContextEntry::server)).orElseThrow(() -> new CliException(
                ExitCodes.DENIED, "NotLoggedIn", "No server to talk to: run 'qm login SERVER', or set QM_SERVER and QM_TOKEN."));
        String token = environment.variable("QM_TOKEN")
                .or(() -> context.filter(entry -> normalize(entry.server()).equals(normalize(server))).map(ContextEntry::token))
                .orElseThrow(() -> new CliException(ExitCodes.DENIED, "NotLoggedIn", "No token for " + server
                        + ": run 'qm login " + server + "', or set QM_TOKEN."));
        return new Connection(uri(server), token, context.map(ContextEntry::name).orElse(null));
    }

    /** A server URL as qm stores it: with a scheme ({@code https://} when none was given), without a trailing slash. */
    public static String normalize(String server) {
        String url = server.strip();
        if (!url.contains("://")) {
            url = "https://" + url;
        }
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }

    public static URI uri(String server) {
        try {
            URI uri = URI.create(normalize(server));
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("needs http:// or https:// and a host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw CliException.usage("InvalidServer", "'" + server + "' is not a server URL (" + e.getMessage()
                    + "), e.g. https://qm.example.org or http://localhost:8080.");
        }
    }
}
