package io.quartermaster.cli.machines;

import io.quartermaster.api.machines.MachineState;
import io.quartermaster.api.machines.MachineView;
import io.quartermaster.cli.Cli;
import io.quartermaster.cli.CliException;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.output.Printer;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Waits after an action until the machine is settled: no step running and not in a passing state
 * (Requested, Provisioning, Disposing). A new failure on the way ends the wait with exit code 1.
 */
final class MachineWatcher {

    private static final Set<MachineState> PASSING = Set.of(MachineState.Requested, MachineState.Provisioning,
            MachineState.Disposing);

    private final Cli cli;
    private final WaitOptions options;

    MachineWatcher(Cli cli, WaitOptions options) {
        this.cli = cli;
        this.options = options;
    }

    /** Polls the machine until it is settled; returns its last view. */
    JsonNode untilSettled(UUID id, JsonNode initial) {
        MachineView first = Printer.as(initial, MachineView.class);
        Instant deadline = cli.clock().instant().plus(options.timeout());
        JsonNode current = initial;
        String shown = null;
        while (true) {
            MachineView machine = Printer.as(current, MachineView.class);
            if (failedSince(first, machine)) {
                MachineView.Failure failure = machine.lastFailure();
                throw new CliException(ExitCodes.FAILED, "StepFailed", MachineFormats.name(machine) + " failed at "
                        + failure.step() + ": " + failure.reason() + ": " + failure.message());
            }
            if (machine.currentStep() == null && !PASSING.contains(machine.state())) {
                return current;
            }
            String line = "waiting: " + MachineFormats.summary(machine);
            if (!line.equals(shown)) {
                cli.err().println(line);
                cli.err().flush();
                shown = line;
            }
            if (cli.clock().instant().isAfter(deadline)) {
                throw new CliException(ExitCodes.FAILED, "Timeout", "Still waiting after " + options.timeout().toSeconds()
                        + " s: " + MachineFormats.summary(machine) + ".");
            }
            Pause.of(options.pollInterval());
            current = cli.api().get("/api/v1/machines/" + id);
        }
    }

    private static boolean failedSince(MachineView before, MachineView now) {
        return now.lastFailure() != null && (before.lastFailure() == null
                || !Objects.equals(before.lastFailure().at(), now.lastFailure().at()));
    }
}
