package io.quartermaster.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.api.machines.MachineEvent;
import io.quartermaster.api.machines.MachineState;
import io.quartermaster.api.machines.MachineView;
import io.quartermaster.api.machines.PowerState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How a machine's page reads the build's progress and its actions from the machine and its timeline. */
class PortalMachineProgressTest {

    private final List<MachineEvent> timeline = new ArrayList<>();

    @Test
    void stepsAreDoneWhenTheHostSaysSoOrALaterStepHasBegunAndTheCurrentOneRuns() {
        transition("Requested", "PendingApproval");
        transition("PendingApproval", "Provisioning");
        step("Claim-Capacity", "workflow", "Capacity held on host h1");
        step("Choose-Name", "workflow", "Named omni0001");
        step("Create-Volume", "workflow", "Queued for the agent of host h1");
        step("Create-Volume", "agent", "Done (attempt 1)");
        step("Create-Machine", "workflow", "Queued for the agent of host h1");

        MachinePages.Progress progress = MachinePages.progress(machine(MachineState.Provisioning, "Create-Machine"),
                timeline);

        assertThat(progress.steps()).extracting(MachinePages.StepProgress::status)
                .containsExactly("done", "done", "done", "running", "waiting", "waiting", "waiting");
        assertThat(progress.done()).isEqualTo(3);
        assertThat(progress.total()).isEqualTo(7);
    }

    @Test
    void aBuildRetriedAfterAFailureCountsOnlyTheStepsSinceItStartedAgain() {
        transition("Requested", "Provisioning");
        step("Claim-Capacity", "workflow", "Placed on host h1");
        step("Choose-Name", "workflow", "Named omni0001");
        step("Create-Volume", "agent", "Done (attempt 1)");
        step("Create-Machine", "agent", "Failed (attempt 1): NameInUse");
        transition("Provisioning", "Failed");
        transition("Failed", "Provisioning");
        step("Claim-Capacity", "workflow", "Placed on host h1");

        MachinePages.Progress progress = MachinePages.progress(machine(MachineState.Provisioning, "Choose-Name"), timeline);

        assertThat(progress.steps()).extracting(MachinePages.StepProgress::status)
                .containsExactly("done", "running", "waiting", "waiting", "waiting", "waiting", "waiting");
    }

    @Test
    void theRowOffersOnlyTheAllowedActionsThisPortalHasAndPollsWhileTheMachineMoves() {
        MachineView active = machine(MachineState.Active, null, List.of("power-off", "reboot", "dispose", "change-owner",
                "take-snapshot"));
        MachinePages.Row row = MachinePages.row(active);
        assertThat(row.actions()).extracting(MachinePages.Action::key)
                .containsExactly("power-off", "reboot", "change-owner", "dispose");
        assertThat(row.pollEvery()).isNull();
        assertThat(row.label()).isEqualTo("omni0001");

        assertThat(MachinePages.row(machine(MachineState.Active, "Stop-Machine")).pollEvery()).isEqualTo("every 2s");
        assertThat(MachinePages.row(machine(MachineState.Provisioning, null)).pollEvery()).isEqualTo("every 2s");
        assertThat(MachinePages.row(machine(MachineState.PendingApproval, null)).pollEvery()).isEqualTo("every 5s");
        assertThat(MachinePages.row(machine(MachineState.Disposed, null)).pollEvery()).isNull();
    }

    private void transition(String from, String to) {
        timeline.add(new MachineEvent(timeline.size() + 1, Instant.now(), "Transition", from, to, null, "workflow", null));
    }

    private void step(String step, String actor, String detail) {
        timeline.add(new MachineEvent(timeline.size() + 1, Instant.now(), "Step", null, null, step, actor, detail));
    }

    private static MachineView machine(MachineState state, String currentStep) {
        return machine(state, currentStep, List.of());
    }

    private static MachineView machine(MachineState state, String currentStep, List<String> allowed) {
        return new MachineView(UUID.randomUUID(), "omni0001", UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), "Omni", UUID.randomUUID(), "uma", state, PowerState.On, null, null, 1, 1024, 10,
                Map.of(), null, null, null, null, null, currentStep, null, List.of(), allowed, "machine-lifecycle", 1,
                Instant.now(), 0);
    }
}
