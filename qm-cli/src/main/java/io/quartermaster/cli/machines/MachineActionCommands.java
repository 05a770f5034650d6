package io.quartermaster.cli.machines;

import io.quartermaster.api.machines.ActionRequest;
import io.quartermaster.api.machines.MachineView;
import io.quartermaster.cli.Cli;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.output.OutputFormat;
import io.quartermaster.cli.output.OutputOption;
import io.quartermaster.cli.output.Printer;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * The actions on a machine ({@code POST /api/v1/machines/{id}/actions/{action}}), one subcommand each under
 * {@code qm machines}. The server checks that the machine's state allows the action (else
 * {@code ActionNotAllowed}, exit code 5) and who may take it.
 */
public final class MachineActionCommands {

    private MachineActionCommands() {}

    /** What every action takes: the machine, a reason, --wait and -o. */
    abstract static class ActionCommand implements Callable<Integer> {

        protected final Cli cli;

        @Parameters(index = "0", paramLabel = "MACHINE", description = "The machine's id or name.")
        String machine;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the machine's timeline and the audit trail.")
        String reason;

        @Mixin
        WaitOptions waiting;

        @Mixin
        OutputOption output;

        ActionCommand(Cli cli) {
            this.cli = cli;
        }

        /** The action's key in the API. */
        abstract String action();

        ActionRequest body() {
            return new ActionRequest(null, null, null, reason);
        }

        @Override
        public Integer call() {
            waiting.check();
            UUID id = cli.lookup().machine(machine);
            JsonNode after = cli.api().post("/api/v1/machines/" + id + "/actions/" + action(), body());
            if (waiting.enabled()) {
                after = new MachineWatcher(cli, waiting).untilSettled(id, after);
            }
            if (output.format() == OutputFormat.table) {
                MachineView view = Printer.as(after, MachineView.class);
                cli.out().println(MachineFormats.name(view) + ": " + action() + (waiting.enabled() ? " done" : " accepted")
                        + "; " + MachineFormats.condition(view));
                cli.out().flush();
            } else {
                cli.printer().raw(after, output.format());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "extend", aliases = "extend-lease", description = {"Extend a machine's lease.",
        "An extension beyond the template's policy waits for a group administrator's approval."},
            footer = {"%nExamples:", "  qm machines extend test-0001", "  qm machines extend test-0001 --days 7 --reason 'demo next week'"})
    static final class Extend extends ActionCommand {
        @Option(names = "--days", paramLabel = "DAYS", description = "Days from now (default: the template's lease).")
        Integer days;

        Extend(Cli cli) {
            super(cli);
        }

        @Override
        String action() {
            return "extend-lease";
        }

        @Override
        ActionRequest body() {
            return new ActionRequest(days, null, null, reason);
        }
    }

    @Command(name = "set-reminder", description = "Choose how many days before the lease ends you are reminded (0: no reminder).",
            footer = {"%nExamples:", "  qm machines set-reminder test-0001 --days-before 2", "  qm machines set-reminder test-0001 --days-before 0"})
    static final class SetReminder extends ActionCommand {
        @Option(names = "--days-before", required = true, paramLabel = "DAYS", description = "Days before the lease ends; 0 turns the reminder off.")
        int daysBefore;

        SetReminder(Cli cli) {
            super(cli);
        }

        @Override
        String action() {
            return "set-reminder";
        }

        @Override
        ActionRequest body() {
            return new ActionRequest(null, daysBefore, null, reason);
        }
    }

    @Command(name = "restore", description = "Bring an expired machine back (capacity permitting) with a new lease.",
            footer = {"%nExample:", "  qm machines restore test-0001 --days 3 --wait"})
    static final class Restore extends ActionCommand {
        @Option(names = "--days", paramLabel = "DAYS", description = "The new lease in days (default: the template's lease).")
        Integer days;

        Restore(Cli cli) {
            super(cli);
        }

        @Override
        String action() {
            return "restore";
        }

        @Override
        ActionRequest body() {
            return new ActionRequest(days, null, null, reason);
        }
    }

    @Command(name = "dispose", description = "Destroy a machine and give back everything it holds. It cannot be restored afterwards.",
            footer = {"%nExample:", "  qm machines dispose test-0001 --reason 'done testing' --wait"})
    static final class Dispose extends ActionCommand {
        Dispose(Cli cli) {
            super(cli);
        }

        @Override
        String action() {
            return "dispose";
        }
    }

    @Command(name = "power-on", description = "Power a machine on (its cpu and memory are claimed again).",
            footer = {"%nExample:", "  qm machines power-on test-0001 --wait"})
    static final class PowerOn extends ActionCommand {
        PowerOn(Cli cli) {
            super(cli);
        }

        @Override
        String action() {
            return "power-on";
        }
    }

    @Command(name = "power-off", description = "Power a machine off; its cpu and memory go back, its disk is kept.",
            footer = {"%nExample:", "  qm machines power-off test-0001 --wait"})
    static final class PowerOff extends ActionCommand {
        PowerOff(Cli cli) {
            super(cli);
        }

        @Override
        String action() {
            return "power-off";
        }
    }

    @Command(name = "reboot", description = "Restart a running machine.", footer = {"%nExample:", "  qm machines reboot test-0001"})
    static final class Reboot extends ActionCommand {
        Reboot(Cli cli) {
            super(cli);
        }

        @Override
        String action() {
            return "reboot";
        }
    }

    @Command(name = "reprovision", description = "Build a machine again from its template.",
            footer = {"%nExample:", "  qm machines reprovision test-0001 --wait"})
    static final class Reprovision extends ActionCommand {
        Reprovision(Cli cli) {
            super(cli);
        }

        @Override
        String action() {
            return "reprovision";
        }
    }

    @Command(name = "retry", description = "Build a failed machine again.", footer = {"%nExample:", "  qm machines retry test-0001 --wait"})
    static final class Retry extends ActionCommand {
        Retry(Cli cli) {
            super(cli);
        }

        @Override
        String action() {
            return "retry";
        }
    }

    @Command(name = "change-owner", description = "Give a machine to another user (group administrators).",
            footer = {"%nExample:", "  qm machines change-owner test-0001 --to uma"})
    static final class ChangeOwner extends ActionCommand {
        @Option(names = "--to", required = true, paramLabel = "USER", description = "The new owner: a user id or username.")
        String owner;

        ChangeOwner(Cli cli) {
            super(cli);
        }

        @Override
        String action() {
            return "change-owner";
        }

        @Override
        ActionRequest body() {
            return new ActionRequest(null, null, cli.lookup().user(owner), reason);
        }
    }
}
