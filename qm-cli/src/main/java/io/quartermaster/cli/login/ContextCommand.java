package io.quartermaster.cli.login;

import io.quartermaster.cli.Cli;
import io.quartermaster.cli.CliException;
import io.quartermaster.cli.CommandGroup;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.client.Json;
import io.quartermaster.cli.config.ConfigFile;
import io.quartermaster.cli.config.ContextEntry;
import io.quartermaster.cli.config.QmConfig;
import io.quartermaster.cli.output.Column;
import io.quartermaster.cli.output.OutputOption;
import io.quartermaster.cli.output.Table;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code qm context list|use|delete|current}: the servers qm knows and which one it talks to. */
@Command(name = "context", description = "The servers you logged in to (contexts), and which one commands use.",
        footer = {"%nExamples:", "  qm context list", "  qm context use prod", "  qm --context dev machines list",
            "  qm context delete old-server"})
public final class ContextCommand extends CommandGroup {

    /** A context as listed: never its token, only the token's first characters. */
    record ContextRow(String name, String server, String user, String token, boolean current) {}

    private final Cli cli;

    ContextCommand(Cli cli) {
        this.cli = cli;
    }

    @Command(name = "list", description = "List the contexts; * marks the current one.",
            footer = {"%nExample:", "  qm context list -o yaml"})
    int list(@Mixin OutputOption output) {
        QmConfig config = cli.configFile().read();
        List<ContextRow> rows = config.contexts().stream().map(context -> new ContextRow(context.name(), context.server(),
                context.user(), context.tokenPrefix(), context.name().equals(config.currentContext()))).toList();
        Table<ContextRow> table = new Table<>(
                Column.of("CURRENT", row -> row.current() ? "*" : ""),
                Column.flexible("NAME", ContextRow::name),
                Column.flexible("SERVER", ContextRow::server),
                Column.flexible("USER", ContextRow::user),
                Column.of("TOKEN", ContextRow::token));
        cli.printer().items(rows.stream().map(row -> (JsonNode) Json.json().valueToTree(row)).toList(),
                output.format(), ContextRow.class, table, "contexts ('qm login' adds one)");
        return ExitCodes.OK;
    }

    @Command(name = "use", description = "Make a context the current one.", footer = {"%nExample:", "  qm context use prod"})
    int use(@Parameters(paramLabel = "NAME", description = "The context's name.") String name) {
        ConfigFile file = cli.configFile();
        QmConfig config = file.read();
        existing(config, name);
        file.write(config.withCurrent(name));
        cli.out().println("Context '" + name + "' is current.");
        return ExitCodes.OK;
    }

    @Command(name = "delete", description = "Forget a context and its token (the token stays valid on the server until it expires or is revoked).",
            footer = {"%nExample:", "  qm context delete old-server"})
    int delete(@Parameters(paramLabel = "NAME", description = "The context's name.") String name) {
        ConfigFile file = cli.configFile();
        QmConfig config = file.read();
        existing(config, name);
        file.write(config.without(name));
        cli.out().println("Context '" + name + "' deleted.");
        return ExitCodes.OK;
    }

    @Command(name = "current", description = "Print the current context's name.", footer = {"%nExample:", "  qm context current"})
    int current() {
        String name = cli.contextOption() != null ? cli.contextOption()
                : cli.environment().variable("QM_CONTEXT").orElse(cli.configFile().read().currentContext());
        if (name == null) {
            throw new CliException(ExitCodes.NOT_FOUND, "NoContext", "No context is current: 'qm login' adds one.");
        }
        cli.out().println(name);
        return ExitCodes.OK;
    }

    private static ContextEntry existing(QmConfig config, String name) {
        return config.context(name).orElseThrow(() -> CliException.notFound("There is no context '" + name
                + "'. Contexts: " + String.join(", ", config.contexts().stream().map(ContextEntry::name).toList()) + "."));
    }
}
