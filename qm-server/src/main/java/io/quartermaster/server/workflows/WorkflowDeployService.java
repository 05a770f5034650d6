package io.quartermaster.server.workflows;

import io.quartermaster.api.workflows.DeployedWorkflow;
import io.quartermaster.server.access.Scope;
import io.quartermaster.server.audit.AuditService;
import io.quartermaster.server.platform.errors.FieldValidationException;
import io.quartermaster.server.platform.errors.QmException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.flowable.bpmn.exceptions.XMLException;
import org.flowable.common.engine.api.FlowableException;
import org.flowable.common.engine.api.FlowableOptimisticLockingException;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.repository.Deployment;
import org.flowable.engine.repository.ProcessDefinition;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deploys new workflow versions. A file is inspected before anything is written; the deployment and its
 * audit event share one transaction. Machines already running keep their version (the engine's rule);
 * only instances started afterwards, or migrated, run the new one.
 */
@Service
public class WorkflowDeployService {

    static final String ACTION = "workflow.deploy";
    /** Flowable's deployment names hold 255 characters. */
    private static final int MAX_NAME_LENGTH = 255;

    private final RepositoryService repository;
    private final BpmnInspector inspector;
    private final WorkflowVersions versions;
    private final WorkflowAccess access;
    private final AuditService audit;

    WorkflowDeployService(RepositoryService repository, BpmnInspector inspector, WorkflowVersions versions,
            WorkflowAccess access, AuditService audit) {
        this.repository = repository;
        this.inspector = inspector;
        this.versions = versions;
        this.access = access;
        this.audit = audit;
    }

    @Transactional
    public DeployedWorkflow deploy(byte[] xml, String name) {
        access.requireManage("deployment");
        if (name != null && (name.isBlank() || name.strip().length() > MAX_NAME_LENGTH)) {
            throw new FieldValidationException("name", "must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        List<String> keys = inspector.executableProcessKeys(xml);
        List<ProcessDefinition> identical = identicalLatestVersions(keys, xml);
        if (!identical.isEmpty()) {
            audit.success(ACTION, Scope.system(), "workflow", keys.get(0), "identical to " + describe(identical)
                    + "; nothing deployed");
            return new DeployedWorkflow(true, versions.views(identical));
        }
        String deploymentName = name != null ? name.strip() : truncate(String.join(", ", keys));
        Deployment deployment;
        try {
            deployment = repository.createDeployment().name(deploymentName)
                    .addBytes(keys.get(0) + ".bpmn20.xml", xml).deploy();
        } catch (FlowableOptimisticLockingException e) {
            throw raced();
        } catch (XMLException | FlowableException e) {
            if (fromDatabase(e)) {
                throw raced(); // two deployments of one key took the same version number
            }
            // The inspection passed but the engine still refused the file: its message is about the file.
            throw QmException.invalid(BpmnInspector.INVALID, "The engine refused the BPMN: " + XmlErrors.describe(e));
        }
        List<ProcessDefinition> deployed = repository.createProcessDefinitionQuery().deploymentId(deployment.getId())
                .orderByProcessDefinitionKey().asc().list();
        audit.success(ACTION, Scope.system(), "workflow", keys.get(0), "deployed " + describe(deployed)
                + " as deployment " + deployment.getId() + " '" + deploymentName + "'");
        return new DeployedWorkflow(false, versions.views(deployed));
    }

    /**
     * The latest versions of the file's processes when every one of them was deployed from exactly these
     * bytes; otherwise empty. Flowable's own duplicate filter is not used: it compares with the latest
     * deployment of the same name, so it misses a file deployed at start-up or under another name, and it
     * refuses a file equal to an older deployment although another version was deployed since.
     */
    private List<ProcessDefinition> identicalLatestVersions(List<String> keys, byte[] xml) {
        List<ProcessDefinition> latest = new ArrayList<>();
        for (String key : keys) {
            ProcessDefinition definition = versions.ofKey(key).latestVersion().singleResult();
            if (definition == null || !Arrays.equals(xml, resource(definition))) {
                return List.of();
            }
            latest.add(definition);
        }
        return latest;
    }

    private byte[] resource(ProcessDefinition definition) {
        try (InputStream stored = repository.getResourceAsStream(definition.getDeploymentId(),
                definition.getResourceName())) {
            return stored.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static QmException raced() {
        return QmException.conflict("Another version of this workflow was deployed at the same time; nothing was"
                + " deployed. Look at its versions and try again.");
    }

    private static boolean fromDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException || cause instanceof DataAccessException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(List<ProcessDefinition> definitions) {
        return definitions.stream().map(definition -> "'" + definition.getKey() + "' version " + definition.getVersion())
                .collect(Collectors.joining(", "));
    }

    private static String truncate(String name) {
        return name.length() <= MAX_NAME_LENGTH ? name : name.substring(0, MAX_NAME_LENGTH - 1) + "…";
    }
}
