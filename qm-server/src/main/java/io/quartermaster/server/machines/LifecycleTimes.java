package io.quartermaster.server.machines;

import io.quartermaster.server.workflows.WorkflowBean;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.flowable.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * When the lifecycle's timers fall due, read from the machine row each time a wait begins: the row is
 * the one truth about a lease, so extending it and looping back re-arms the timers with the new dates.
 */
@Component("lifecycleTimes")
@WorkflowBean
public class LifecycleTimes {

    private final MachineRepository machines;
    private final ApprovalRepository approvals;
    private final LifecycleSettings settings;
    private final Clock clock;

    LifecycleTimes(MachineRepository machines, ApprovalRepository approvals, LifecycleSettings settings, Clock clock) {
        this.machines = machines;
        this.approvals = approvals;
        this.settings = settings;
        this.clock = clock;
    }

    public boolean permanent(DelegateExecution execution) {
        return machine(execution).leaseExpiresAt() == null;
    }

    /** A reminder is still to be sent (and the owner wants one). */
    public boolean reminderPending(DelegateExecution execution) {
        Machine machine = machine(execution);
        return machine.leaseExpiresAt() != null && machine.reminderSentAt() == null && reminderDays(machine) > 0;
    }

    public Date reminderAt(DelegateExecution execution) {
        Machine machine = machine(execution);
        return Date.from(machine.leaseExpiresAt().minus(settings.days(reminderDays(machine))));
    }

    /** The lease end; after a failed power-off at lease end, a while later (not in a tight loop). */
    public Date leaseEnd(DelegateExecution execution) {
        Machine machine = machine(execution);
        Instant end = machine.leaseExpiresAt();
        if (machine.failedAt() != null && machine.failureStep() != null && !end.isAfter(machine.failedAt())) {
            Instant retry = machine.failedAt().plus(settings.failureBackoff());
            end = retry.isAfter(end) ? retry : end;
        }
        return Date.from(end);
    }

    /**
     * The lease end has come (the reminder's timer fired late: a clock that jumped, a server that was
     * down). Then the reminder is pointless and the machine expires at once, without a second timer.
     */
    public boolean leaseOver(DelegateExecution execution) {
        return !leaseEnd(execution).toInstant().isAfter(clock.instant());
    }

    public Date approvalDeadline(DelegateExecution execution) {
        return Date.from(approvals.ofMachineRequest(machineId(execution)).map(ApprovalRepository.Approval::expiresAt)
                .orElse(clock.instant().plus(settings.days(settings.approvalTimeoutDays()))));
    }

    public boolean destroyWarningPending(DelegateExecution execution) {
        Machine machine = machine(execution);
        return machine.destroyWarningSentAt() == null && machine.tombstoneEndsAt() != null
                && settings.destroyWarningDaysBefore() > 0 && reminderDays(machine) > 0;
    }

    /** A warning before destruction: the configured days before, or half-way through a shorter tombstone. */
    public Date destroyWarningAt(DelegateExecution execution) {
        Machine machine = machine(execution);
        Instant warning = machine.tombstoneEndsAt().minus(settings.days(settings.destroyWarningDaysBefore()));
        Instant halfway = machine.expiredAt().plus(
                java.time.Duration.between(machine.expiredAt(), machine.tombstoneEndsAt()).dividedBy(2));
        return Date.from(warning.isBefore(halfway) ? halfway : warning);
    }

    public Date tombstoneEnd(DelegateExecution execution) {
        return Date.from(machine(execution).tombstoneEndsAt());
    }

    /** The tombstone has ended (a warning that fell due with it, or after it, is not sent). */
    public boolean tombstoneOver(DelegateExecution execution) {
        return !machine(execution).tombstoneEndsAt().isAfter(clock.instant());
    }

    int reminderDays(Machine machine) {
        return machine.reminderDaysBefore() != null ? machine.reminderDaysBefore() : settings.reminderDaysBefore();
    }

    private Machine machine(DelegateExecution execution) {
        UUID id = machineId(execution);
        return machines.find(id).orElseThrow(() -> new IllegalStateException("No machine " + id));
    }

    static UUID machineId(DelegateExecution execution) {
        return UUID.fromString((String) execution.getVariable("machineId"));
    }
}
