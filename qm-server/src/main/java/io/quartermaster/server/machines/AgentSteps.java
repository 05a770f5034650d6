package io.quartermaster.server.machines;

import static io.quartermaster.server.machines.LifecycleTimes.machineId;

import io.quartermaster.server.agents.AgentTask;
import io.quartermaster.server.agents.AgentTaskService;
import io.quartermaster.server.workflows.WorkflowBean;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flowable.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Steps the host's agent performs ({@code Create-Machine}, {@code Start-Machine}…). In BPMN each is a
 * triggerable service task, {@code ${agentSteps.run(execution, 'Start-Machine')}}: it queues the task and
 * waits; the agent's answer, through {@link AgentTaskService}, moves the workflow on or fails it. Every
 * result lands on the machine's timeline.
 */
@Component("agentSteps")
@WorkflowBean
public class AgentSteps implements AgentTaskService.Listener {

    private final Transitions transitions;
    private final AgentTaskService agentTasks;
    private final MachineHistory history;

    AgentSteps(Transitions transitions, AgentTaskService agentTasks, MachineHistory history) {
        this.transitions = transitions;
        this.agentTasks = agentTasks;
        this.history = history;
    }

    public void run(DelegateExecution execution, String step) {
        Machine machine = transitions.lock(machineId(execution));
        if (machine.hostId() == null) {
            throw new IllegalStateException("Machine " + machine.id() + " has no host for step " + step);
        }
        agentTasks.enqueue(new AgentTaskService.TaskSpec(machine.id(), machine.hostId(), step, parameters(machine), false),
                execution.getId());
        transitions.step(machine.id(), step, "Queued for the agent of host " + machine.hostId());
    }

    /** What a host step needs to know about the machine; handlers are keyed by the machine id. */
    Map<String, Object> parameters(Machine machine) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("machineId", machine.id().toString());
        parameters.put("name", machine.name());
        parameters.put("hostId", machine.hostId().toString());
        parameters.put("cpu", machine.spec().cpu());
        parameters.put("memoryMiB", machine.spec().memoryMiB());
        parameters.put("disks", machine.spec().disks());
        parameters.put("imageRef", machine.spec().imageRef());
        parameters.put("hypervisorType", machine.spec().hypervisorType());
        parameters.put("properties", machine.properties());
        return parameters;
    }

    @Override
    public void succeeded(AgentTask task) {
        history.record(task.machineId(), MachineHistory.STEP, null, null, task.step(), "agent",
                (task.undo() ? "Undo done" : "Done") + " (attempt " + task.attempt() + ")");
    }

    @Override
    public void failed(AgentTask task, AgentTaskService.Failure failure, boolean willRetry) {
        history.record(task.machineId(), MachineHistory.STEP, null, null, task.step(), "agent",
                "Failed (attempt " + task.attempt() + "): " + failure.reason() + " " + failure.message()
                        + (willRetry ? "; will retry" : ""));
    }
}
