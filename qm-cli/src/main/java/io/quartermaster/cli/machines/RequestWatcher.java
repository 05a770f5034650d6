package io.quartermaster.cli.machines;

import io.quartermaster.api.machines.MachineState;
import io.quartermaster.api.machines.MachineView;
import io.quartermaster.api.machines.RequestView;
import io.quartermaster.cli.Cli;
import io.quartermaster.cli.CliException;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.output.Printer;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * {@code qm request --wait}: follows a request until every machine is Active, one fails, or the request is
 * rejected, drawing a progress bar on standard error (redrawn in place at a terminal, a new line for each
 * change otherwise).
 */
final class RequestWatcher {

    /** The host steps of a build, in order, for the progress bar. */
    private static final List<String> BUILD_STEPS = List.of("Create-Volume", "Create-Machine", "Customize-Machine",
            "Start-Machine", "Wait-Running");
    private static final int BAR_WIDTH = 24;
    /** The states a machine passes through before it is Active the first time. */
    private static final Set<MachineState> ON_THE_WAY = Set.of(MachineState.Requested, MachineState.PendingApproval,
            MachineState.Provisioning);

    private final Cli cli;
    private final WaitOptions options;
    private final PrintWriter err;
    private final boolean redraw;
    private String shown;

    RequestWatcher(Cli cli, WaitOptions options) {
        this.cli = cli;
        this.options = options;
        this.err = cli.err();
        this.redraw = cli.environment().interactive() && !cli.environment().variable("TERM").orElse("").equals("dumb");
    }

    /** Follows the request; returns its last view when every machine is Active, throws otherwise. */
    JsonNode untilActive(UUID requestId, JsonNode initial) {
        Instant deadline = cli.clock().instant().plus(options.timeout());
        JsonNode current = initial;
        try {
            while (true) {
                RequestView request = Printer.as(current, RequestView.class);
                show(progressLine(request));
                checkNotFailed(request);
                if (!request.machines().isEmpty()
                        && request.machines().stream().allMatch(machine -> machine.state() == MachineState.Active)) {
                    return current;
                }
                if (cli.clock().instant().isAfter(deadline)) {
                    throw new CliException(ExitCodes.FAILED, "Timeout", "Still waiting after " + options.timeout().toSeconds()
                            + " s: " + active(request) + " of " + request.machines().size()
                            + " machines Active. 'qm machines list' shows where they are.");
                }
                Pause.of(options.pollInterval());
                current = cli.api().get("/api/v1/requests/" + requestId);
            }
        } finally {
            if (redraw && shown != null) {
                err.println();
                err.flush();
            }
        }
    }

    private void checkNotFailed(RequestView request) {
        if (request.state().equals("Rejected") || request.state().equals("Expired")) {
            throw new CliException(ExitCodes.FAILED, "Request" + request.state(), "The request was "
                    + request.state().toLowerCase(Locale.ROOT)
                    + (request.decidedBy() == null ? "" : " by " + request.decidedBy())
                    + (request.decisionReason() == null || request.decisionReason().isBlank() ? "" : ": " + request.decisionReason()));
        }
        for (MachineView machine : request.machines()) {
            if (machine.state() == MachineState.Failed) {
                MachineView.Failure failure = machine.lastFailure();
                throw new CliException(ExitCodes.FAILED, "MachineFailed", MachineFormats.name(machine) + " failed"
                        + (failure == null ? "" : " at " + failure.step() + ": " + failure.reason() + ": " + failure.message())
                        + ". 'qm machines retry' builds it again.");
            }
            if (machine.state() != MachineState.Active && !ON_THE_WAY.contains(machine.state())) {
                throw new CliException(ExitCodes.FAILED, "MachineGone", MachineFormats.name(machine) + " is "
                        + machine.state() + " before it was ever Active.");
            }
        }
    }

    /** {@code [##########------------] 1/2 Active · test-0002: Provisioning, Create-Machine}. */
    static String progressLine(RequestView request) {
        List<MachineView> machines = request.machines();
        double done = machines.stream().mapToDouble(RequestWatcher::progress).sum() / Math.max(1, machines.size());
        int filled = (int) Math.round(done * BAR_WIDTH);
        String bar = "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]";
        String status = machines.stream().filter(machine -> machine.state() != MachineState.Active).findFirst()
                .map(RequestWatcher::status).orElse("done");
        if (request.state().equals("PendingApproval")) {
            status = "waiting for a group administrator's approval";
        }
        return bar + " " + active(request) + "/" + machines.size() + " Active · " + status;
    }

    private static String status(MachineView machine) {
        return MachineFormats.name(machine) + ": " + machine.state()
                + (machine.currentStep() == null ? "" : ", " + machine.currentStep());
    }

    private static double progress(MachineView machine) {
        return switch (machine.state()) {
            case Active -> 1.0;
            case Provisioning -> {
                int step = machine.currentStep() == null ? -1 : BUILD_STEPS.indexOf(machine.currentStep());
                yield (step + 1.0) / (BUILD_STEPS.size() + 1.0);
            }
            default -> 0.0;
        };
    }

    private static long active(RequestView request) {
        return request.machines().stream().filter(machine -> machine.state() == MachineState.Active).count();
    }

    private void show(String line) {
        if (line.equals(shown)) {
            return;
        }
        if (redraw) {
            err.print("\r" + line + (shown != null && shown.length() > line.length() ? " ".repeat(shown.length() - line.length()) : ""));
        } else {
            err.println(line);
        }
        err.flush();
        shown = line;
    }
}
