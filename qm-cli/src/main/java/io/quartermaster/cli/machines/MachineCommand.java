package io.quartermaster.cli.machines;

import io.quartermaster.api.machines.MachineState;
import io.quartermaster.api.machines.MachineView;
import io.quartermaster.cli.Cli;
import io.quartermaster.cli.CommandGroup;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.TimeArguments;
import io.quartermaster.cli.client.Query;
import io.quartermaster.cli.output.ListingOptions;
import io.quartermaster.cli.output.OutputOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qm machines list|show} and the actions on a machine ({@link MachineActionCommands}). */
@Command(name = "machines", description = "Your machines (administrators: their groups'): list, show, and act on them.",
        footer = {"%nExamples:", "  qm machines list --state Active", "  qm machines show test-0001",
            "  qm machines power-off test-0001 --wait", "  qm machines extend test-0001 --days 7"},
        subcommands = {MachineActionCommands.Extend.class, MachineActionCommands.SetReminder.class,
            MachineActionCommands.Restore.class, MachineActionCommands.Dispose.class, MachineActionCommands.PowerOn.class,
            MachineActionCommands.PowerOff.class, MachineActionCommands.Reboot.class, MachineActionCommands.Reprovision.class,
            MachineActionCommands.Retry.class, MachineActionCommands.ChangeOwner.class})
public final class MachineCommand extends CommandGroup {

    private final Cli cli;

    MachineCommand(Cli cli) {
        this.cli = cli;
    }

    @Command(name = "list", description = "List machines, filtered as GET /api/v1/machines filters them.",
            footer = {"%nExamples:", "  qm machines list", "  qm machines list --state Expired --owner me",
                "  qm machines list --group 'Quality Assurance' --expiring-before 7d -o json",
                "  qm machines list --host sim-host-01 --template 'Small test machine'"})
    int list(@Mixin ListingOptions listing,
            @Option(names = "--state", paramLabel = "STATE", description = "Only machines in this state: ${COMPLETION-CANDIDATES}.") MachineState state,
            @Option(names = "--owner", paramLabel = "USER", description = "Only this owner's machines: a user id, a username (administrators), or me.") String owner,
            @Option(names = "--group", paramLabel = "GROUP", description = "Only this group's machines (id or name).") String group,
            @Option(names = "--host", paramLabel = "HOST", description = "Only machines on this host (id, or name for administrators).") String host,
            @Option(names = "--template", paramLabel = "TEMPLATE", description = "Only machines of this template (id or name).") String template,
            @Option(names = "--expiring-before", paramLabel = "WHEN", description = "Only machines whose lease ends before then: 2030-01-31, 2030-01-31T12:00:00Z, or from now: 7d, 12h.") String expiringBefore) {
        Query query = Query.of()
                .with("state", state)
                .with("owner", owner == null ? null : cli.lookup().user(owner))
                .with("group", group == null ? null : cli.lookup().group(group))
                .with("host", host == null ? null : cli.lookup().host(host))
                .with("template", template == null ? null : cli.lookup().template(template))
                .with("expiringBefore", TimeArguments.fromNow("--expiring-before", expiringBefore, cli.clock()));
        cli.printer().list(cli.api().list("/api/v1/machines", query, listing.limit()), listing.format(), MachineView.class,
                MachineFormats.table(), "machines");
        return ExitCodes.OK;
    }

    @Command(name = "show", description = "Show one machine: state, power, lease, host, current step, last failure, conditions, allowed actions.",
            footer = {"%nExamples:", "  qm machines show test-0001", "  qm machines show 0b6f…-… -o json | jq .leaseExpiresAt"})
    int show(@Mixin OutputOption output,
            @Parameters(paramLabel = "MACHINE", description = "The machine's id or name.") String machine) {
        var view = cli.api().get("/api/v1/machines/" + cli.lookup().machine(machine));
        cli.printer().one(view, output.format(), MachineView.class,
                found -> MachineFormats.details(found, cli.lookup().groupNames(), cli.clock()));
        return ExitCodes.OK;
    }
}
