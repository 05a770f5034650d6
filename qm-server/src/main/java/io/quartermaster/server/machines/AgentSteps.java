package io.quartermaster.server.machines;

import static io.quartermaster.server.machines.LifecycleTimes.machineId;

import io.quartermaster.api.catalog.DiskMode;
import io.quartermaster.server.agents.AgentTask;
import io.quartermaster.server.agents.AgentTaskService;
import io.quartermaster.server.tenancy.UserDirectory;
import io.quartermaster.server.workflows.WorkflowBean;
import java.util.LinkedHashMap;
import java.util.List;
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
    private final UserDirectory users;

    AgentSteps(Transitions transitions, AgentTaskService agentTasks, MachineHistory history, UserDirectory users) {
        this.transitions = transitions;
        this.agentTasks = agentTasks;
        this.history = history;
        this.users = users;
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

    /**
     * What a host step needs to know about the machine; handlers are keyed by the machine id. Besides its
     * size: {@code image} (id, name, version, format, sizeBytes, sha256, contentPath) when the template names
     * a registered image, {@code diskMode} (LINKED_CLONE or FULL_COPY), and for cloud-init {@code hostname}
     * (the machine's name), {@code ownerUsername}, {@code sshKeys} (the owner's, as at the request) and
     * {@code userData} (null when none).
     */
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
        MachineSpec spec = machine.spec();
        if (spec.image() != null) {
            parameters.put("image", image(spec.image()));
        }
        parameters.put("diskMode", (spec.diskMode() == null ? DiskMode.LINKED_CLONE : spec.diskMode()).name());
        parameters.put("hostname", machine.name());
        parameters.put("ownerUsername", users.byId(machine.ownerId()).map(UserDirectory.Account::username).orElse(null));
        parameters.put("sshKeys", spec.sshKeys() == null ? List.of() : spec.sshKeys());
        parameters.put("userData", spec.userData());
        return parameters;
    }

    private static Map<String, Object> image(MachineSpec.Image image) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("id", image.id().toString());
        parameters.put("name", image.name());
        parameters.put("version", image.version());
        parameters.put("format", image.format());
        parameters.put("sizeBytes", image.sizeBytes());
        parameters.put("sha256", image.sha256());
        parameters.put("contentPath", image.contentPath());
        return parameters;
    }

    @Override
    public void succeeded(AgentTask task) {
        history.record(task.machineId(), MachineHistory.STEP, null, null, task.step(), "agent",
                (task.undo() ? "Undo done" : "Done") + " (attempt " + task.attempt() + ")");
    }

    /** Wait-Running also says how to reach the machine: stored in the result's own transaction. */
    @Override
    public void succeeded(AgentTask task, Map<String, Object> result) {
        succeeded(task);
        Map<String, Object> connection = MachineConnection.columns(result);
        if (task.undo() || !MachineConnection.WAIT_RUNNING.equals(task.step()) || connection.isEmpty()) {
            return;
        }
        transitions.change(transitions.lock(task.machineId()), connection, MachineHistory.STEP, task.step(),
                "Reachable at " + (connection.get("address") == null ? "no address yet" : connection.get("address"))
                        + (connection.get("console") == null ? "" : "; console: " + connection.get("console")));
    }

    @Override
    public void failed(AgentTask task, AgentTaskService.Failure failure, boolean willRetry) {
        history.record(task.machineId(), MachineHistory.STEP, null, null, task.step(), "agent",
                "Failed (attempt " + task.attempt() + "): " + failure.reason() + " " + failure.message()
                        + (willRetry ? "; will retry" : ""));
    }
}
