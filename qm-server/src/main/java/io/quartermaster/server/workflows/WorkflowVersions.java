package io.quartermaster.server.workflows;

import io.quartermaster.api.workflows.WorkflowVersionView;
import io.quartermaster.server.platform.errors.QmException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.repository.Deployment;
import org.flowable.engine.repository.ProcessDefinition;
import org.flowable.engine.repository.ProcessDefinitionQuery;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Looks up deployed versions of a workflow (answering NotFound for unknown ones) and describes them. */
@Component
class WorkflowVersions {

    private final RepositoryService repository;
    private final WorkflowAccess access;

    WorkflowVersions(RepositoryService repository, WorkflowAccess access) {
        this.repository = repository;
        this.access = access;
    }

    ProcessDefinitionQuery ofKey(String key) {
        return repository.createProcessDefinitionQuery().processDefinitionKey(key);
    }

    /** Throws NotFound unless at least one version of the workflow is deployed. */
    void requireExists(String key) {
        if (ofKey(key).count() == 0) {
            throw QmException.notFound("Workflow", "'" + key + "'");
        }
    }

    ProcessDefinition version(String key, int version) {
        requireExists(key);
        ProcessDefinition found = ofKey(key).processDefinitionVersion(version).singleResult();
        if (found == null) {
            throw new QmException(HttpStatus.NOT_FOUND, "NotFound",
                    "Workflow '" + key + "' has no version " + version + ".");
        }
        return found;
    }

    /** The versions with their deployments and the running instances the caller may see. */
    List<WorkflowVersionView> views(List<ProcessDefinition> definitions) {
        if (definitions.isEmpty()) {
            return List.of();
        }
        Map<String, Deployment> deployments = repository.createDeploymentQuery()
                .deploymentIds(definitions.stream().map(ProcessDefinition::getDeploymentId).distinct().toList())
                .list().stream().collect(Collectors.toMap(Deployment::getId, Function.identity()));
        return definitions.stream().map(definition -> {
            Deployment deployment = deployments.get(definition.getDeploymentId());
            return new WorkflowVersionView(definition.getKey(), definition.getVersion(), definition.getName(),
                    definition.getId(), definition.getDeploymentId(), deployment == null ? null : deployment.getName(),
                    deployment == null ? null : deployment.getDeploymentTime().toInstant(), definition.getResourceName(),
                    access.visibleInstances().processDefinitionId(definition.getId()).count());
        }).toList();
    }
}
