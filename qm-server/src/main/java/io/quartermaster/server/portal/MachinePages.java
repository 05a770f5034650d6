package io.quartermaster.server.portal;

import io.quartermaster.api.Page;
import io.quartermaster.api.machines.MachineEvent;
import io.quartermaster.api.machines.MachineState;
import io.quartermaster.api.machines.MachineView;
import io.quartermaster.server.machines.MachineService;
import io.quartermaster.server.platform.web.PageParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Machines as pages show them: a row of the list, and a machine's page with its timeline and, while it
 * is being built, its progress through the build's steps. Reads through the service behind
 * {@code GET /api/v1/machines}, so hosts show only where the API shows them and the actions offered are
 * the machine's {@code allowedActions} for this person.
 */
@Component
class MachinePages {

    /** The build's steps in order, as the workflow {@code machine-build} runs them, with what people read. */
    static final List<String[]> BUILD_STEPS = List.of(
            new String[] {"Claim-Capacity", "Claim capacity"},
            new String[] {"Choose-Name", "Choose a name"},
            new String[] {"Create-Volume", "Create storage"},
            new String[] {"Create-Machine", "Create the machine"},
            new String[] {"Customize-Machine", "Customize"},
            new String[] {"Start-Machine", "Power on"},
            new String[] {"Wait-Running", "Wait until running"});

    /** States a machine moves on from by itself, soon: pages showing it poll for the next one. */
    private static final Set<MachineState> MOVING = Set.of(MachineState.Requested, MachineState.Provisioning,
            MachineState.Disposing);

    /** Actions that only open a confirmation page first. */
    static final Set<String> CONFIRMED = Set.of("dispose", "reprovision", "change-owner");

    /** Actions the portal offers, in menu order. */
    static final List<Action> OFFERED = List.of(
            new Action("power-off", "Turn off", null),
            new Action("power-on", "Turn on", null),
            new Action("reboot", "Reboot", null),
            new Action("extend-lease", "Extend the lease", "days"),
            new Action("set-reminder", "Set a reminder", "reminderDaysBefore"),
            new Action("restore", "Restore", "days"),
            new Action("retry", "Retry the build", null),
            new Action("reprovision", "Reprovision…", null),
            new Action("change-owner", "Change the owner…", null),
            new Action("dispose", "Dispose…", null));

    /** An action offered on a machine: its key, what the button says, and the number it asks for, if any. */
    public record Action(String key, String label, String input) {
        public boolean confirmed() {
            return CONFIRMED.contains(key);
        }
    }

    public record Row(MachineView machine, String label, String pollEvery, List<Action> actions) {
        /** Busy with a step, or about to move on by itself: the page polls for what comes next. */
        public boolean busy() {
            return MachinePages.busy(machine);
        }
    }

    public record StepProgress(String step, String label, String status) {}

    public record Progress(List<StepProgress> steps, int done, int total) {}

    public record Detail(Row row, Progress progress, List<MachineEvent> timeline, long timelineTotal) {}

    private final MachineService machines;

    MachinePages(MachineService machines) {
        this.machines = machines;
    }

    Page<Row> list(MachineState state, UUID owner, int page) {
        Page<MachineView> found = machines.list(new MachineService.Filter(state, owner, null, null, null, null),
                PageParams.of(page, PageParams.DEFAULT_SIZE));
        return new Page<>(found.items().stream().map(MachinePages::row).toList(), found.page(), found.size(),
                found.total());
    }

    Row row(UUID id) {
        return row(machines.get(id));
    }

    Detail detail(UUID id) {
        MachineView machine = machines.get(id);
        Page<MachineEvent> events = machines.history(id, PageParams.of(0, PageParams.MAX_SIZE));
        if (events.hasNext()) {
            int last = (int) ((events.total() - 1) / PageParams.MAX_SIZE);
            events = machines.history(id, PageParams.of(last, PageParams.MAX_SIZE));
        }
        List<MachineEvent> newestFirst = new ArrayList<>(events.items());
        java.util.Collections.reverse(newestFirst);
        Progress progress = machine.state() == MachineState.Provisioning ? progress(machine, events.items()) : null;
        return new Detail(row(machine), progress, newestFirst, events.total());
    }

    static Row row(MachineView machine) {
        String label = machine.name() != null ? machine.name()
                : machine.templateName() + " (" + machine.id().toString().substring(0, 8) + ")";
        List<Action> actions = OFFERED.stream().filter(action -> machine.allowedActions().contains(action.key()))
                .toList();
        // While a step runs, every 2 s; while an approval is awaited (which can take days), less often.
        String poll = busy(machine) ? "every 2s" : machine.state() == MachineState.PendingApproval ? "every 5s" : null;
        return new Row(machine, label, poll, actions);
    }

    static boolean busy(MachineView machine) {
        return machine.currentStep() != null || MOVING.contains(machine.state());
    }

    /** Which build steps are done since the build last started, which one runs, which wait. */
    static Progress progress(MachineView machine, List<MachineEvent> oldestFirst) {
        int start = 0;
        for (int i = 0; i < oldestFirst.size(); i++) {
            MachineEvent event = oldestFirst.get(i);
            if ("Transition".equals(event.kind()) && "Provisioning".equals(event.toState())) {
                start = i;
            }
        }
        List<MachineEvent> sinceStart = oldestFirst.subList(start, oldestFirst.size());
        List<StepProgress> steps = new ArrayList<>();
        int done = 0;
        for (int i = 0; i < BUILD_STEPS.size(); i++) {
            String step = BUILD_STEPS.get(i)[0];
            List<String> later = BUILD_STEPS.subList(i + 1, BUILD_STEPS.size()).stream().map(s -> s[0]).toList();
            // Done when the host said so, or when a later step has begun or runs now (server-side steps say
            // nothing more once they are done).
            boolean finished = later.contains(machine.currentStep()) || sinceStart.stream().anyMatch(event ->
                    "Step".equals(event.kind()) && (later.contains(event.step())
                            || step.equals(event.step()) && event.detail() != null
                                    && event.detail().startsWith("Done")));
            String status = finished ? "done" : step.equals(machine.currentStep()) ? "running" : "waiting";
            if (finished) {
                done++;
            }
            steps.add(new StepProgress(step, BUILD_STEPS.get(i)[1], status));
        }
        return new Progress(steps, done, BUILD_STEPS.size());
    }
}
