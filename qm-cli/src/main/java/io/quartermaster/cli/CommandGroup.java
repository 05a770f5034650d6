package io.quartermaster.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that only holds subcommands ({@code qm machines}, {@code qm context}): run alone, it is a
 * usage error that names the subcommands, like any other missing argument.
 */
public abstract class CommandGroup implements Runnable {

    @Spec
    protected CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand: one of "
                + String.join(", ", spec.subcommands().values().stream().map(CommandLine::getCommandName)
                        .filter(name -> !name.equals("help")).distinct().toList()) + ".");
    }
}
