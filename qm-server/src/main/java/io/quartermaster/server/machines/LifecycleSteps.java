package io.quartermaster.server.machines;

import static io.quartermaster.server.machines.LifecycleTimes.machineId;

import io.quartermaster.api.machines.MachineState;
import io.quartermaster.api.machines.PowerState;
import io.quartermaster.server.capacity.CapacityService;
import io.quartermaster.server.workflows.WorkflowBean;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.flowable.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The lifecycle's own steps (process {@code machine-lifecycle}): the states a machine passes through
 * around its build, and what each transition gives back or takes. Steps that need the host are agent
 * tasks ({@link AgentSteps}); these run in the server, in the engine's transaction.
 */
@Component("lifecycleSteps")
@WorkflowBean
public class LifecycleSteps {

    private final Transitions transitions;
    private final ApprovalRepository approvals;
    private final CapacityService capacity;
    private final OwnerNotices notices;
    private final LifecycleSettings settings;
    private final LeaseExtensions extensions;
    private final Clock clock;

    LifecycleSteps(Transitions transitions, ApprovalRepository approvals, CapacityService capacity, OwnerNotices notices,
            LifecycleSettings settings, LeaseExtensions extensions, Clock clock) {
        this.transitions = transitions;
        this.approvals = approvals;
        this.capacity = capacity;
        this.notices = notices;
        this.settings = settings;
        this.extensions = extensions;
        this.clock = clock;
    }

    /** First step: tells the process whether the request waits for an approval. */
    public void requested(DelegateExecution execution) {
        Machine machine = transitions.lock(machineId(execution));
        var approval = approvals.ofMachineRequest(machine.id());
        execution.setVariable("needsApproval", approval.isPresent());
        execution.setVariable("groupId", machine.groupId().toString());
        transitions.change(machine, Map.of(), MachineHistory.STEP, "Requested", "Request " + machine.requestId()
                + (approval.isPresent() ? " needs approval" : " needs no approval"));
    }

    public void pendingApproval(DelegateExecution execution) {
        transitions.to(transitions.lock(machineId(execution)), MachineState.PendingApproval, Map.of(), null);
    }

    /** Nobody decided in time: the machine is rejected and its claim released. */
    public void approvalExpired(DelegateExecution execution) {
        Machine machine = transitions.lock(machineId(execution));
        approvals.ofMachineRequest(machine.id()).ifPresent(approval -> {
            if (approvals.decide(approval.id(), "Expired", "system", clock.instant(),
                    "Nobody decided within " + settings.approvalTimeoutDays() + " days")) {
                notices.decided(approvals.find(approval.id()).orElseThrow());
            }
        });
        end(machine, MachineState.Rejected, "ApprovalExpired: nobody approved the request in time");
    }

    public void rejected(DelegateExecution execution) {
        Machine machine = transitions.lock(machineId(execution));
        String reason = approvals.ofMachineRequest(machine.id()).map(ApprovalRepository.Approval::decisionReason)
                .orElse(null);
        end(machine, MachineState.Rejected, "Rejected" + (reason == null ? "" : ": " + reason));
    }

    private void end(Machine machine, MachineState state, String detail) {
        if (machine.claimId() != null) {
            capacity.release(machine.claimId());
        }
        transitions.to(machine, state, Map.of(), detail);
    }

    /** The build finished: the machine is Active and its lease starts now. */
    public void activate(DelegateExecution execution) {
        Machine machine = transitions.lock(machineId(execution));
        Instant now = clock.instant();
        Map<String, Object> columns = new HashMap<>();
        columns.put("power_state", PowerState.On);
        columns.put("provisioned_at", now);
        columns.put("lease_expires_at", machine.leaseDays() == null ? null : now.plus(settings.days(machine.leaseDays())));
        columns.put("reminder_sent_at", null);
        clearFailure(columns);
        Machine active = transitions.to(machine, MachineState.Active, columns, null);
        notices.ready(active);
    }

    public void remind(DelegateExecution execution) {
        Machine machine = transitions.lock(machineId(execution));
        Map<String, Object> columns = new HashMap<>();
        columns.put("reminder_sent_at", clock.instant());
        transitions.change(machine, columns, MachineHistory.STEP, "Remind", "Reminder due");
        notices.leaseReminder(machine);
    }

    /**
     * An owner's extend-lease or set-reminder while Active ({@code actionDays}, {@code actionReminderDays}):
     * the new dates are written and the waits re-armed by looping back.
     */
    public void leaseChanged(DelegateExecution execution) {
        Machine machine = transitions.lock(machineId(execution));
        Map<String, Object> columns = new HashMap<>();
        String detail;
        if ("set-reminder".equals(execution.getVariable("action"))) {
            Integer days = (Integer) execution.getVariable("actionReminderDays");
            columns.put("reminder_days_before", days);
            columns.put("reminder_sent_at", null);
            detail = days == 0 ? "Lease reminder turned off" : "Lease reminder set to " + days + (days == 1 ? " day" : " days") + " before the end";
        } else {
            Instant end = newLeaseEnd(execution, machine);
            columns.put("lease_expires_at", end);
            columns.put("reminder_sent_at", null);
            detail = "Lease extended to " + end;
        }
        transitions.change(machine, columns, MachineHistory.STEP, "Lease", detail);
    }

    /** Lease end: the machine will be powered off (if on) and tombstoned. */
    public void expiring(DelegateExecution execution) {
        transitions.step(machineId(execution), "Expiring", "The lease ended");
    }

    public boolean isOn(DelegateExecution execution) {
        return transitions.lock(machineId(execution)).powerState() == PowerState.On;
    }

    /** Powered off: compute goes back, the disk stays for the tombstone period. */
    public void expire(DelegateExecution execution) {
        Machine machine = transitions.lock(machineId(execution));
        if (machine.claimId() != null) {
            capacity.releaseCompute(machine.claimId());
        }
        Instant now = clock.instant();
        Map<String, Object> columns = new HashMap<>();
        columns.put("power_state", PowerState.Off);
        columns.put("expired_at", now);
        columns.put("tombstone_ends_at", now.plus(settings.days(machine.tombstoneDays())));
        columns.put("destroy_warning_sent_at", null);
        clearFailure(columns);
        notices.expired(transitions.to(machine, MachineState.Expired, columns, "Lease ended; kept "
                + machine.tombstoneDays() + " days before it is destroyed"));
    }

    public void warnDestroy(DelegateExecution execution) {
        Machine machine = transitions.lock(machineId(execution));
        Map<String, Object> columns = new HashMap<>();
        columns.put("destroy_warning_sent_at", clock.instant());
        transitions.change(machine, columns, MachineHistory.STEP, "Warn", "Destruction warning due");
        notices.destroyWarning(machine);
    }

    /** Restore or extend while Expired: take compute back first, or refuse with CapacityUnavailable. */
    public void restoreClaim(DelegateExecution execution) {
        Machine machine = transitions.lock(machineId(execution));
        if (machine.claimId() != null) {
            capacity.reclaimCompute(machine.claimId());
        }
        transitions.step(machine.id(), "Restoring", "Compute claimed again; starting the machine");
    }

    public void restored(DelegateExecution execution) {
        Machine machine = transitions.lock(machineId(execution));
        Map<String, Object> columns = new HashMap<>();
        columns.put("power_state", PowerState.On);
        columns.put("lease_expires_at", newLeaseEnd(execution, machine));
        columns.put("reminder_sent_at", null);
        columns.put("expired_at", null);
        columns.put("tombstone_ends_at", null);
        clearFailure(columns);
        transitions.to(machine, MachineState.Active, columns, "Restored");
    }

    /** The start after a restore failed: compute goes back again and the machine stays Expired. */
    public void restoreFailed(DelegateExecution execution) {
        Machine machine = transitions.lock(machineId(execution));
        if (machine.claimId() != null) {
            capacity.releaseCompute(machine.claimId());
        }
        recordFailure(execution, machine);
    }

    /** A host step outside a build failed: recorded on the machine, whose state does not change. */
    public void stepFailed(DelegateExecution execution) {
        recordFailure(execution, transitions.lock(machineId(execution)));
    }

    void recordFailure(DelegateExecution execution, Machine machine) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("current_step", null);
        columns.put("failure_step", execution.getVariable("failedStep"));
        columns.put("failure_reason", execution.getVariable("failureReason"));
        columns.put("failure_message", execution.getVariable("failureMessage"));
        columns.put("failed_at", clock.instant());
        transitions.change(machine, columns, MachineHistory.STEP, (String) execution.getVariable("failedStep"),
                "Failed: " + execution.getVariable("failureReason") + " " + execution.getVariable("failureMessage"));
    }

    private Instant newLeaseEnd(DelegateExecution execution, Machine machine) {
        return extensions.newEnd(machine, (Integer) execution.getVariable("actionDays"));
    }

    void notifyFailed(Machine machine) {
        notices.failed(machine);
    }

    static void clearFailure(Map<String, Object> columns) {
        columns.put("failure_step", null);
        columns.put("failure_reason", null);
        columns.put("failure_message", null);
        columns.put("failed_at", null);
    }
}
