package io.quartermaster.server.machines;

import io.quartermaster.api.machines.MachineView;
import io.quartermaster.server.platform.errors.QmException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.flowable.common.engine.api.FlowableObjectNotFoundException;
import org.flowable.engine.HistoryService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.repository.ProcessDefinition;
import org.flowable.engine.runtime.Execution;
import org.flowable.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where a machine's workflows are now, for whoever may see the machine (its owner, and administrators
 * of its group or tenant, exactly as {@link MachineService#get} decides): the lifecycle, the build or
 * disposal it has called, and a lease extension waiting for approval, each with the version it runs and
 * the BPMN elements it waits in. Only the versions the machine runs can be read this way; the workflow
 * definitions as such stay with those who may read workflows.
 */
@Service
public class MachineWorkflowService {

    /**
     * One workflow instance of the machine.
     *
     * @param calledBy the key of the workflow that called this one (null for one started on its own)
     * @param activeActivityIds the BPMN elements it waits in now (empty once it has ended)
     */
    public record RunningWorkflow(String key, int version, String name, String calledBy,
            List<String> activeActivityIds) {}

    private final MachineService machines;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final HistoryService history;

    MachineWorkflowService(MachineService machines, RuntimeService runtime, RepositoryService repository,
            HistoryService history) {
        this.history = history;
        this.machines = machines;
        this.runtime = runtime;
        this.repository = repository;
    }

    /**
     * The machine's running workflows, the lifecycle first and what it called after it. A machine whose
     * lifecycle has ended shows that version, waiting nowhere.
     */
    @Transactional(readOnly = true)
    public List<RunningWorkflow> running(UUID machineId) {
        MachineView machine = machines.get(machineId);
        List<ProcessInstance> instances = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(machineId.toString()).list();
        Map<String, ProcessInstance> byId = instances.stream()
                .collect(Collectors.toMap(ProcessInstance::getId, Function.identity()));
        List<RunningWorkflow> running = new ArrayList<>();
        for (ProcessInstance instance : instances) {
            Execution calledFrom = instance.getSuperExecutionId() == null ? null
                    : runtime.createExecutionQuery().executionId(instance.getSuperExecutionId()).singleResult();
            ProcessInstance caller = calledFrom == null ? null : byId.get(calledFrom.getProcessInstanceId());
            running.add(new RunningWorkflow(instance.getProcessDefinitionKey(), instance.getProcessDefinitionVersion(),
                    instance.getProcessDefinitionName(), caller == null ? null : caller.getProcessDefinitionKey(),
                    activities(instance)));
        }
        // The lifecycle first, then what it called, then anything else started for the machine.
        running.sort(Comparator.comparingInt(w -> w.key().equals(machine.workflow()) ? 0 : w.calledBy() != null ? 1 : 2));
        if (running.isEmpty() && machine.workflow() != null && machine.workflowVersion() != null) {
            ProcessDefinition ended = definition(machine.workflow(), machine.workflowVersion());
            running.add(new RunningWorkflow(ended.getKey(), ended.getVersion(), ended.getName(), null, List.of()));
        }
        return running;
    }

    /**
     * The BPMN file of a version the machine runs or has run (a page may ask just after the workflow it
     * listed has ended, e.g. a disposal that finished meanwhile); NotFound for any other.
     */
    @Transactional(readOnly = true)
    public byte[] bpmn(UUID machineId, String key, int version) {
        machines.get(machineId);
        boolean ran = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(machineId.toString())
                .processDefinitionKey(key).list().stream()
                .anyMatch(instance -> instance.getProcessDefinitionVersion() != null
                        && instance.getProcessDefinitionVersion() == version);
        if (!ran) {
            throw new QmException(HttpStatus.NOT_FOUND, "NotFound",
                    "Machine " + machineId + " does not run version " + version + " of workflow '" + key + "'.");
        }
        try (InputStream xml = repository.getProcessModel(definition(key, version).getId())) {
            return xml.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProcessDefinition definition(String key, int version) {
        ProcessDefinition found = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .processDefinitionVersion(version).singleResult();
        if (found == null) {
            throw new QmException(HttpStatus.NOT_FOUND, "NotFound",
                    "Workflow '" + key + "' has no version " + version + ".");
        }
        return found;
    }

    private List<String> activities(ProcessInstance instance) {
        try {
            return runtime.getActiveActivityIds(instance.getId()).stream().sorted().toList();
        } catch (FlowableObjectNotFoundException endedMeanwhile) {
            return List.of();
        }
    }
}
