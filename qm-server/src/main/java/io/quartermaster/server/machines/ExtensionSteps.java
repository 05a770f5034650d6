package io.quartermaster.server.machines;

import io.quartermaster.server.workflows.WorkflowBean;
import java.time.Clock;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.runtime.Execution;
import org.springframework.stereotype.Component;

/** Steps of the {@code lease-extension} workflow: when the approval expires, and applying an approved one. */
@Component("extensionSteps")
@WorkflowBean
public class ExtensionSteps {

    private final ApprovalRepository approvals;
    private final MachineRepository machines;
    private final MachineHistory history;
    private final RuntimeService runtime;
    private final OwnerNotices notices;
    private final Clock clock;

    ExtensionSteps(ApprovalRepository approvals, MachineRepository machines, MachineHistory history, RuntimeService runtime, OwnerNotices notices,
            Clock clock) {
        this.approvals = approvals;
        this.machines = machines;
        this.history = history;
        this.runtime = runtime;
        this.notices = notices;
        this.clock = clock;
    }

    public Date deadline(DelegateExecution execution) {
        return Date.from(approval(execution).expiresAt());
    }

    public void expired(DelegateExecution execution) {
        var approval = approval(execution);
        if (approvals.decide(approval.id(), "Expired", "system", clock.instant(), "Nobody decided in time")) {
            history.record(approval.machineId(), MachineHistory.STEP, null, null, "Lease", "workflow",
                    "Lease extension not approved in time");
            notices.decided(approvals.find(approval.id()).orElseThrow());
        }
    }

    /** Hands the approved extension to the machine's lifecycle, if it still waits for actions. */
    public void apply(DelegateExecution execution) {
        var approval = approval(execution);
        Execution waiting = runtime.createExecutionQuery().processInstanceId(machines.find(approval.machineId()).orElseThrow()
                        .processInstanceId()).messageEventSubscriptionName(ActionService.MESSAGE).list().stream().findFirst().orElse(null);
        if (waiting == null) {
            history.record(approval.machineId(), MachineHistory.STEP, null, null, "Lease", "workflow",
                    "Approved lease extension could not be applied: the machine no longer waits for one");
            return;
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("action", "extend-lease");
        variables.put("actionDays", approval.extensionDays());
        runtime.messageEventReceived(ActionService.MESSAGE, waiting.getId(), variables);
    }

    private ApprovalRepository.Approval approval(DelegateExecution execution) {
        UUID id = UUID.fromString((String) execution.getVariable("approvalId"));
        return approvals.find(id).orElseThrow(() -> new IllegalStateException("No approval " + id));
    }
}
