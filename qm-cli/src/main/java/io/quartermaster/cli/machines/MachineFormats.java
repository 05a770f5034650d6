package io.quartermaster.cli.machines;

import io.quartermaster.api.machines.MachineView;
import io.quartermaster.cli.output.Column;
import io.quartermaster.cli.output.Details;
import io.quartermaster.cli.output.Table;
import io.quartermaster.cli.output.Times;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** How machines look in tables, details views and one-line summaries. */
final class MachineFormats {

    private MachineFormats() {}

    static Table<MachineView> table() {
        return new Table<>(
                Column.flexible("NAME", MachineFormats::name),
                Column.of("STATE", MachineView::state),
                Column.of("POWER", MachineView::powerState),
                Column.flexible("OWNER", MachineView::owner),
                Column.flexible("TEMPLATE", MachineView::templateName),
                Column.flexible("HOST", MachineView::hostName),
                Column.of("LEASE ENDS", machine -> Times.minutes(machine.leaseExpiresAt())),
                Column.flexible("STEP", MachineView::currentStep),
                Column.optional("ID", MachineView::id));
    }

    static Details details(MachineView machine, Map<UUID, String> groupNames, Clock clock) {
        MachineView.Failure failure = machine.lastFailure();
        MachineView.Connection connection = machine.connection() == null ? MachineView.Connection.UNKNOWN
                : machine.connection();
        return new Details()
                .add("Name", name(machine))
                .add("Id", machine.id())
                .add("State", machine.state() + (machine.currentStep() == null ? "" : ", busy with " + machine.currentStep()))
                .add("Power", machine.powerState())
                .add("Owner", machine.owner())
                .add("Template", machine.templateName())
                .add("Group", groupNames.getOrDefault(machine.groupId(), String.valueOf(machine.groupId())))
                .add("Host", machine.hostName())
                .add("Address", connection.address())
                .add("Connect", connection.ssh())
                .add("Console", connection.console())
                .add("Size", machine.cpu() + " cpu, " + machine.memoryMiB() + " MiB memory, " + machine.diskGiB() + " GiB disk")
                .add("Provisioned", Times.minutes(machine.provisionedAt()))
                .add("Lease ends", machine.leaseExpiresAt() == null
                        ? (machine.state().name().equals("Active") ? "never (permanent)" : null)
                        : Times.withDistance(machine.leaseExpiresAt(), clock))
                .add("Reminder", machine.reminderDaysBefore() == null ? null : machine.reminderDaysBefore() == 0 ? "off"
                        : machine.reminderDaysBefore() + " days before the lease ends")
                .add("Expired", Times.minutes(machine.expiredAt()))
                .add("Destroyed after", Times.withDistance(machine.tombstoneEndsAt(), clock))
                .add("Last failure", failure == null ? null : failure.step() + ": " + failure.reason() + ": "
                        + failure.message() + " (" + Times.minutes(failure.at()) + ")")
                .list("Conditions", machine.conditions() == null ? List.of() : machine.conditions().stream()
                        .map(condition -> condition.type() + ": " + condition.message() + " (since "
                                + Times.minutes(condition.since()) + ")").toList())
                .add("Actions", machine.allowedActions() == null ? null : String.join(", ", machine.allowedActions()))
                .add("Workflow", machine.workflow() == null ? null : machine.workflow()
                        + (machine.workflowVersion() == null ? "" : " version " + machine.workflowVersion()))
                .map("Properties", machine.properties())
                .add("Request", machine.requestId())
                .add("Created", Times.minutes(machine.createdAt()));
    }

    /** {@code test-0001 (Active, On)}, or the id while the machine has no name yet. */
    static String summary(MachineView machine) {
        return name(machine) + " (" + condition(machine) + ")";
    }

    /** {@code Active, On, busy with Stop-Machine}. */
    static String condition(MachineView machine) {
        return machine.state() + ", " + machine.powerState()
                + (machine.currentStep() == null ? "" : ", busy with " + machine.currentStep());
    }

    static String name(MachineView machine) {
        return machine.name() == null ? "(unnamed " + machine.id().toString().substring(0, 8) + ")" : machine.name();
    }
}
