package io.quartermaster.cli.login;

import io.quartermaster.api.identity.CreateToken;
import io.quartermaster.cli.Cli;
import io.quartermaster.cli.CliException;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.client.ApiClient;
import io.quartermaster.cli.config.ConfigFile;
import io.quartermaster.cli.config.Connection;
import io.quartermaster.cli.config.ContextEntry;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code qm login SERVER}: checks a personal API token with the server (or makes one from a username and
 * password) and keeps it in the config file as a context, which becomes the current one.
 */
@Command(name = "login", description = {
    "Sign in to a server and remember it as a context (made current).",
    "Give a personal API token (POST /api/v1/tokens makes one), or a username and password to make one now.",
    "The token is kept in the config file, readable only by you; the password is never stored."},
        footer = {"%nExamples:",
            "  qm login https://qm.example.org --username uma              # asks for the password",
            "  echo \"$TOKEN\" | qm login https://qm.example.org --token-stdin",
            "  qm login http://localhost:8080 --username admin --password-stdin --name dev < password.txt"})
public final class LoginCommand implements Callable<Integer> {

    private final Cli cli;

    @Parameters(index = "0", paramLabel = "SERVER", description = "The server's URL, e.g. https://qm.example.org (https:// when no scheme is given).")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", description = "A personal API token (qmp_…). Prefer --token-stdin: arguments show in the process list.")
    String token;

    @Option(names = "--token-stdin", description = "Read the token from standard input.")
    boolean tokenFromStdin;

    @Option(names = {"-u", "--username"}, paramLabel = "NAME", description = "Make a new token with this user's password.")
    String username;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "The password (prefer --password-stdin, or let qm ask).")
    String password;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean passwordFromStdin;

    @Option(names = "--name", paramLabel = "CONTEXT", description = "The context's name (default: the server's host and port).")
    String contextName;

    @Option(names = "--token-days", paramLabel = "DAYS", defaultValue = "90",
            description = "With --username: how long the new token is valid, 1 to 366 days (default: ${DEFAULT-VALUE}).")
    int tokenDays;

    LoginCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        URI url = Connection.uri(server);
        String secret = username != null ? newToken(url) : givenToken();
        JsonNode me = ApiClient.withToken(url, secret).get("/api/v1/users/me");
        String user = me.path("user").path("username").asString();
        String name = contextName != null ? contextName : url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
        ConfigFile file = cli.configFile();
        file.write(file.read().withCurrent(new ContextEntry(name, url.toString(), secret, user)));
        cli.out().println("Logged in to " + url + " as " + user + "; context '" + name + "' is current (" + file.path() + ").");
        return ExitCodes.OK;
    }

    private String newToken(URI url) {
        if (token != null || tokenFromStdin) {
            throw CliException.usage("InvalidOptions", "Give either a token or a username, not both.");
        }
        String secret = passwordFromStdin ? readLine("password") : password != null ? password : ask("Password for " + username + ": ");
        JsonNode created = ApiClient.withPassword(url, username, secret)
                .post("/api/v1/tokens", new CreateToken("qm on " + machineName(), tokenDays));
        return created.path("secret").asString();
    }

    private String givenToken() {
        if (token != null && tokenFromStdin) {
            throw CliException.usage("InvalidOptions", "Give --token or --token-stdin, not both.");
        }
        String given = tokenFromStdin ? readLine("token") : token != null ? token : ask("API token: ");
        if (given.isBlank()) {
            throw CliException.usage("MissingToken", "The token is empty.");
        }
        return given.strip();
    }

    private String readLine(String what) {
        try {
            String line = new BufferedReader(new InputStreamReader(cli.environment().in(), StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isBlank()) {
                throw CliException.usage("Missing" + Character.toUpperCase(what.charAt(0)) + what.substring(1),
                        "Expected the " + what + " on standard input, got nothing.");
            }
            return line.strip();
        } catch (IOException e) {
            throw CliException.usage("UnreadableInput", "Cannot read the " + what + " from standard input: " + e.getMessage());
        }
    }

    /** Asks a person at the terminal without echoing; a script gets a usage error naming the options instead. */
    private String ask(String prompt) {
        Console console = System.console();
        if (!cli.environment().interactive() || console == null) {
            throw CliException.usage("MissingCredentials", "Give --token, --token-stdin, or --username with "
                    + "--password-stdin: there is no terminal to ask at.");
        }
        char[] answer = console.readPassword("%s", prompt);
        if (answer == null) {
            throw CliException.usage("MissingCredentials", "Nothing was entered.");
        }
        return new String(answer);
    }

    private String machineName() {
        return cli.environment().variable("HOSTNAME").or(() -> cli.environment().variable("COMPUTERNAME"))
                .orElse("a terminal");
    }
}
