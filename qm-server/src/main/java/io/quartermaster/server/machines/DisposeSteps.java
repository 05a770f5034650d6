package io.quartermaster.server.machines;

import static io.quartermaster.server.machines.LifecycleTimes.machineId;

import io.quartermaster.api.machines.MachineState;
import io.quartermaster.api.machines.PowerState;
import io.quartermaster.server.capacity.CapacityService;
import io.quartermaster.server.workflows.WorkflowBean;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.flowable.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Disposal (process {@code machine-dispose}): the host destroys the machine and its files, then every
 * claim goes back and the name is free again. Disposed is final.
 */
@Component("disposeSteps")
@WorkflowBean
public class DisposeSteps {

    private final Transitions transitions;
    private final CapacityService capacity;
    private final MachineNames names;
    private final LifecycleSteps lifecycle;
    private final Clock clock;

    DisposeSteps(Transitions transitions, CapacityService capacity, MachineNames names, LifecycleSteps lifecycle,
            Clock clock) {
        this.transitions = transitions;
        this.capacity = capacity;
        this.names = names;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    public void disposing(DelegateExecution execution) {
        Machine machine = transitions.lock(machineId(execution));
        Map<String, Object> columns = new HashMap<>();
        LifecycleSteps.clearFailure(columns);
        transitions.to(machine, MachineState.Disposing, columns, null);
    }

    public boolean hasHost(DelegateExecution execution) {
        return transitions.lock(machineId(execution)).hostId() != null;
    }

    public void disposed(DelegateExecution execution) {
        Machine machine = transitions.lock(machineId(execution));
        if (machine.claimId() != null) {
            capacity.release(machine.claimId());
        }
        names.release(machine.id());
        Map<String, Object> columns = new HashMap<>();
        columns.put("power_state", PowerState.Off);
        columns.put("disposed_at", clock.instant());
        columns.put("lease_expires_at", null);
        columns.put("tombstone_ends_at", null);
        columns.put("address", null); // an address of a machine that is gone would only mislead
        columns.put("console", null);
        transitions.to(machine, MachineState.Disposed, columns, "Destroyed; every claim released");
    }

    /** The host could not destroy it: recorded; the machine stays Disposing until disposal is asked again. */
    public void failed(DelegateExecution execution) {
        lifecycle.recordFailure(execution, transitions.lock(machineId(execution)));
    }
}
