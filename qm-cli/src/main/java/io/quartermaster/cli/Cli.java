package io.quartermaster.cli;

import io.quartermaster.cli.client.ApiClient;
import io.quartermaster.cli.config.ConfigFile;
import io.quartermaster.cli.config.Connection;
import io.quartermaster.cli.output.Printer;
import io.quartermaster.cli.output.TerminalWidth;
import java.io.PrintWriter;
import java.time.Clock;

/**
 * What every command of one {@code qm} run shares: its environment, the config file, the context chosen
 * with {@code --context}, and (made on first use) the API client for that context. Commands get it in
 * their constructor ({@link CommandFactory}).
 */
public final class Cli {

    private final CliEnvironment environment;
    private final ConfigFile configFile;
    private String contextOption;
    private ApiClient api;
    private Lookup lookup;
    private Printer printer;
    private boolean warnedAboutPermissions;

    public Cli(CliEnvironment environment) {
        this.environment = environment;
        this.configFile = ConfigFile.of(environment);
    }

    public CliEnvironment environment() {
        return environment;
    }

    public ConfigFile configFile() {
        return configFile;
    }

    /** {@code --context NAME}: this run uses that context instead of the current one. */
    void useContext(String name) {
        this.contextOption = name;
    }

    public String contextOption() {
        return contextOption;
    }

    /** The connection this run would use, from the config file and the environment. */
    public Connection connection() {
        warnIfConfigIsOpen();
        return Connection.resolve(configFile.read(), environment, contextOption);
    }

    /** The API client of the chosen context (or QM_SERVER and QM_TOKEN). */
    public ApiClient api() {
        if (api == null) {
            Connection connection = connection();
            api = ApiClient.withToken(connection.server(), connection.token());
        }
        return api;
    }

    public Lookup lookup() {
        if (lookup == null) {
            lookup = new Lookup(api());
        }
        return lookup;
    }

    public Printer printer() {
        if (printer == null) {
            printer = new Printer(out(), err(), TerminalWidth.of(environment));
        }
        return printer;
    }

    public PrintWriter out() {
        return environment.out();
    }

    public PrintWriter err() {
        return environment.err();
    }

    public Clock clock() {
        return environment.clock();
    }

    private void warnIfConfigIsOpen() {
        if (!warnedAboutPermissions && configFile.readableByOthers()) {
            warnedAboutPermissions = true;
            err().println("warning: " + configFile.path() + " holds API tokens and others can read it: chmod 600 it.");
        }
    }
}
