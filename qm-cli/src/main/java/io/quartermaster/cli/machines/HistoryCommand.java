package io.quartermaster.cli.machines;

import io.quartermaster.api.machines.MachineEvent;
import io.quartermaster.cli.Cli;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.client.Query;
import io.quartermaster.cli.output.Column;
import io.quartermaster.cli.output.ListingOptions;
import io.quartermaster.cli.output.Table;
import io.quartermaster.cli.output.Times;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code qm history MACHINE}: the machine's timeline. */
@Command(name = "history", description = "Show a machine's timeline: state changes, steps (with attempts and failures), actions and notices.",
        footer = {"%nExamples:", "  qm history test-0001", "  qm history test-0001 -o json | jq -r '.[] | select(.kind == \"Step\") | .detail'"})
public final class HistoryCommand implements Callable<Integer> {

    private final Cli cli;

    @Parameters(index = "0", paramLabel = "MACHINE", description = "The machine's id or name.")
    String machine;

    @Mixin
    ListingOptions listing;

    HistoryCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        var events = cli.api().list("/api/v1/machines/" + cli.lookup().machine(machine) + "/history", Query.of(),
                listing.limit());
        cli.printer().list(events, listing.format(), MachineEvent.class, new Table<>(
                Column.of("AT", event -> Times.seconds(event.at())),
                Column.of("KIND", MachineEvent::kind),
                Column.of("CHANGE", event -> event.toState() == null ? ""
                        : (event.fromState() == null ? "" : event.fromState() + " → ") + event.toState()),
                Column.flexible("STEP", MachineEvent::step),
                Column.flexible("ACTOR", MachineEvent::actor),
                Column.flexible("DETAIL", MachineEvent::detail)), "events");
        return ExitCodes.OK;
    }
}
