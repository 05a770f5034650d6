package io.quartermaster.server.machines;

import static io.quartermaster.server.machines.LifecycleTimes.machineId;

import io.quartermaster.api.capacity.Amounts;
import io.quartermaster.api.machines.MachineState;
import io.quartermaster.server.agents.AgentTaskService;
import io.quartermaster.server.capacity.CapacityService;
import io.quartermaster.server.placement.PlacementService;
import io.quartermaster.server.workflows.WorkflowBean;
import java.util.HashMap;
import java.util.Map;
import org.flowable.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The server's steps of a build (process {@code machine-build}) and their undo. Each step is safe to
 * run again (a retried build keeps a claim or name it still holds); each undo is registered in the
 * BPMN as the step's compensation and runs only if the step completed.
 */
@Component("buildSteps")
@WorkflowBean
public class BuildSteps {

    private final Transitions transitions;
    private final PlacementService placement;
    private final CapacityService capacity;
    private final MachineNames names;
    private final AgentTaskService agentTasks;
    private final AgentSteps agentSteps;
    private final LifecycleSteps lifecycle;

    BuildSteps(Transitions transitions, PlacementService placement, CapacityService capacity, MachineNames names,
            AgentTaskService agentTasks, AgentSteps agentSteps, LifecycleSteps lifecycle) {
        this.transitions = transitions;
        this.placement = placement;
        this.capacity = capacity;
        this.names = names;
        this.agentTasks = agentTasks;
        this.agentSteps = agentSteps;
        this.lifecycle = lifecycle;
    }

    public void provisioning(DelegateExecution execution) {
        Machine machine = transitions.lock(machineId(execution));
        Map<String, Object> columns = new HashMap<>();
        LifecycleSteps.clearFailure(columns);
        transitions.to(machine, MachineState.Provisioning, columns, null);
    }

    /** Keeps a live claim (taken when requested); a retried build places the machine again. */
    public void claimCapacity(DelegateExecution execution) {
        Machine machine = transitions.lock(machineId(execution));
        boolean held = machine.claimId() != null
                && capacity.findClaim(machine.claimId()).filter(claim -> claim.releasedAt() == null).isPresent();
        if (held) {
            capacity.reclaimCompute(machine.claimId());
            transitions.step(machine.id(), "Claim-Capacity", "Capacity held on host " + machine.hostId());
            return;
        }
        MachineSpec spec = machine.spec();
        var claim = placement.place(machine.groupId(), machine.templateId(), spec.hypervisorType(),
                new Amounts(spec.cpu(), spec.memoryMiB(), spec.diskGiB()), machine.ownerId(), "machine:" + machine.id(),
                "Machine " + machine.id());
        Map<String, Object> columns = new HashMap<>();
        columns.put("claim_id", claim.id());
        columns.put("host_id", claim.hostId());
        transitions.change(machine, columns, MachineHistory.STEP, "Claim-Capacity", "Placed on host " + claim.hostId());
    }

    public void releaseClaim(DelegateExecution execution) {
        Machine machine = transitions.lock(machineId(execution));
        if (machine.claimId() != null) {
            capacity.release(machine.claimId());
        }
        transitions.change(machine, Map.of(), MachineHistory.STEP, "Claim-Capacity", "Undone: claim released");
    }

    public void chooseName(DelegateExecution execution) {
        Machine machine = transitions.lock(machineId(execution));
        String name = names.take(machine.tenantId(), machine.id(), machine.spec().namingPrefix());
        Map<String, Object> columns = new HashMap<>();
        columns.put("name", name);
        transitions.change(machine, columns, MachineHistory.STEP, "Choose-Name", "Named " + name);
    }

    public void releaseName(DelegateExecution execution) {
        Machine machine = transitions.lock(machineId(execution));
        names.release(machine.id());
        transitions.change(machine, Map.of(), MachineHistory.STEP, "Choose-Name", "Undone: name " + machine.name()
                + " released");
    }

    /** Queues the host step that undoes a completed one; it runs after the host steps queued before it. */
    public void undo(DelegateExecution execution, String step) {
        Machine machine = transitions.lock(machineId(execution));
        agentTasks.enqueue(new AgentTaskService.TaskSpec(machine.id(), machine.hostId(), step,
                agentSteps.parameters(machine), true), null);
        transitions.change(machine, Map.of(), MachineHistory.STEP, step, "Undo queued for the host");
    }

    /** A host step failed: the failure is kept on the machine before the completed steps are undone. */
    public void failing(DelegateExecution execution) {
        Machine machine = transitions.lock(machineId(execution));
        lifecycle.recordFailure(execution, machine);
        transitions.step(machine.id(), "Undoing", "Undoing the completed steps in reverse order");
    }

    public boolean hostBusy(DelegateExecution execution) {
        return agentTasks.hasOpenTasks(machineId(execution));
    }

    /** The build failed and was undone: the machine is Failed with the reason its owner sees. */
    public void failed(DelegateExecution execution) {
        Machine machine = transitions.lock(machineId(execution));
        Map<String, Object> columns = new HashMap<>();
        columns.put("power_state", io.quartermaster.api.machines.PowerState.Off);
        columns.put("host_id", null);
        columns.put("name", null);
        Machine failed = transitions.to(machine, MachineState.Failed, columns,
                machine.failureReason() + ": " + machine.failureMessage());
        lifecycle.notifyFailed(failed);
    }
}
