package io.quartermaster.server.machines;

import static io.quartermaster.server.machines.LifecycleTimes.machineId;

import io.quartermaster.api.machines.PowerState;
import io.quartermaster.server.capacity.CapacityService;
import io.quartermaster.server.workflows.WorkflowBean;
import java.util.HashMap;
import java.util.Map;
import org.flowable.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Power while Active: a powered-off machine is dormant (cpu and memory back in the reservation, disk
 * kept); powering on claims them again first, so a full reservation refuses the action at once.
 */
@Component("powerSteps")
@WorkflowBean
public class PowerSteps {

    private final Transitions transitions;
    private final CapacityService capacity;
    private final LifecycleSteps lifecycle;

    PowerSteps(Transitions transitions, CapacityService capacity, LifecycleSteps lifecycle) {
        this.transitions = transitions;
        this.capacity = capacity;
        this.lifecycle = lifecycle;
    }

    public void poweredOff(DelegateExecution execution) {
        Machine machine = transitions.lock(machineId(execution));
        if (machine.claimId() != null) {
            capacity.releaseCompute(machine.claimId());
        }
        power(machine, PowerState.Off, "Powered off; cpu and memory returned to the reservation");
    }

    public void claimForPowerOn(DelegateExecution execution) {
        Machine machine = transitions.lock(machineId(execution));
        if (machine.claimId() != null) {
            capacity.reclaimCompute(machine.claimId());
        }
        transitions.step(machine.id(), "PoweringOn", "Compute claimed; starting the machine");
    }

    public void poweredOn(DelegateExecution execution) {
        power(transitions.lock(machineId(execution)), PowerState.On, "Powered on");
    }

    public void powerOnFailed(DelegateExecution execution) {
        Machine machine = transitions.lock(machineId(execution));
        if (machine.claimId() != null) {
            capacity.releaseCompute(machine.claimId());
        }
        lifecycle.recordFailure(execution, machine);
    }

    /** A host step that changes nothing the server keeps (reboot) is done. */
    public void done(DelegateExecution execution, String what) {
        Machine machine = transitions.lock(machineId(execution));
        Map<String, Object> columns = new HashMap<>();
        columns.put("current_step", null);
        transitions.change(machine, columns, MachineHistory.STEP, what, what + " done");
    }

    private void power(Machine machine, PowerState power, String detail) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("power_state", power);
        columns.put("current_step", null);
        LifecycleSteps.clearFailure(columns);
        transitions.change(machine, columns, MachineHistory.STEP, "Power", detail);
    }
}
