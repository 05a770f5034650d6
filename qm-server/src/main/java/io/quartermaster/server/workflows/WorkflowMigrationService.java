package io.quartermaster.server.workflows;

import io.quartermaster.api.workflows.MigrateWorkflow;
import io.quartermaster.api.workflows.MigrationResult;
import io.quartermaster.server.access.Scope;
import io.quartermaster.server.audit.AuditService;
import io.quartermaster.server.platform.errors.QmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.flowable.common.engine.api.FlowableException;
import org.flowable.common.engine.api.FlowableOptimisticLockingException;
import org.flowable.engine.ProcessMigrationService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.migration.ProcessInstanceMigrationBuilder;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.engine.runtime.ProcessInstanceQuery;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves running workflow instances to another version with Flowable's process migration. Every chosen
 * instance is validated first; if any cannot move (an activity it waits in is missing from the target,
 * a machine asked for runs no instance), nothing moves. The moves and the audit event share one
 * transaction, so they also happen all together or not at all.
 */
@Service
class WorkflowMigrationService {

    static final String ACTION = "workflow.migrate";
    private static final int MAX_PROBLEMS_SHOWN = 10;

    private final RuntimeService runtime;
    private final ProcessMigrationService migrations;
    private final WorkflowVersions versions;
    private final WorkflowAccess access;
    private final AuditService audit;

    WorkflowMigrationService(RuntimeService runtime, ProcessMigrationService migrations, WorkflowVersions versions,
            WorkflowAccess access, AuditService audit) {
        this.runtime = runtime;
        this.migrations = migrations;
        this.versions = versions;
        this.access = access;
        this.audit = audit;
    }

    @Transactional
    public MigrationResult migrate(String key, MigrateWorkflow request) {
        access.requireManage(key);
        int toVersion = request.toVersion();
        versions.version(key, toVersion);
        if (request.fromVersion() != null) {
            versions.version(key, request.fromVersion());
        }
        List<String> problems = new ArrayList<>();
        List<ProcessInstance> asked = chosen(key, request, problems);
        List<ProcessInstance> moving = asked.stream().filter(i -> i.getProcessDefinitionVersion() != toVersion).toList();
        ProcessInstanceMigrationBuilder migration = migrations.createProcessInstanceMigrationBuilder()
                .migrateToProcessDefinition(key, toVersion);
        for (ProcessInstance instance : moving) {
            var validation = migration.validateMigration(instance.getId());
            if (!validation.isMigrationValid()) {
                validation.getValidationMessages().forEach(message -> problems.add(name(instance) + ": " + message));
            }
        }
        if (!problems.isEmpty()) {
            throw new QmException(HttpStatus.CONFLICT, "MigrationInvalid", "Nothing was migrated to version " + toVersion
                    + " of '" + key + "': " + summary(problems) + ".");
        }
        Map<Integer, Long> byVersion = new TreeMap<>();
        for (ProcessInstance instance : moving) {
            migrate(migration, instance, key, toVersion);
            byVersion.merge(instance.getProcessDefinitionVersion(), 1L, Long::sum);
        }
        audit.success(ACTION, Scope.system(), "workflow", key, "migrated " + moving.size() + " instance(s) to version "
                + toVersion + (byVersion.isEmpty() ? "" : " from " + byVersion.entrySet().stream()
                        .map(e -> "version " + e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "))));
        return new MigrationResult(key, toVersion, moving.size(), byVersion.entrySet().stream()
                .map(e -> new MigrationResult.FromVersion(e.getKey(), e.getValue())).toList(),
                asked.size() - moving.size());
    }

    /** One move; a failure rolls back the moves made before it, which the answer says. */
    private static void migrate(ProcessInstanceMigrationBuilder migration, ProcessInstance instance, String key,
            int toVersion) {
        try {
            migration.migrate(instance.getId());
        } catch (FlowableOptimisticLockingException e) {
            throw QmException.conflict(name(instance) + " moved on while it was being migrated; nothing was migrated."
                    + " Try again.");
        } catch (FlowableException e) {
            throw new QmException(HttpStatus.CONFLICT, "MigrationInvalid", "Nothing was migrated to version "
                    + toVersion + " of '" + key + "': " + name(instance) + ": " + e.getMessage());
        }
    }

    /**
     * The instances the request names: of {@code fromVersion} or every version, of the given machines or
     * all. A machine that runs no such instance is a problem, not silently skipped.
     */
    private List<ProcessInstance> chosen(String key, MigrateWorkflow request, List<String> problems) {
        ProcessInstanceQuery query = runtime.createProcessInstanceQuery().processDefinitionKey(key);
        if (request.fromVersion() != null) {
            query.processDefinitionVersion(request.fromVersion());
        }
        List<ProcessInstance> instances = query.orderByStartTime().asc().orderByProcessInstanceId().asc().list();
        if (request.machineIds() == null) {
            return instances;
        }
        Set<String> wanted = new LinkedHashSet<>(request.machineIds());
        List<ProcessInstance> named = instances.stream().filter(i -> wanted.contains(i.getBusinessKey())).toList();
        Set<String> found = named.stream().map(ProcessInstance::getBusinessKey).collect(Collectors.toSet());
        wanted.stream().filter(machine -> !found.contains(machine)).forEach(machine -> problems.add("machine " + machine
                + " runs no instance of '" + key + "'"
                + (request.fromVersion() == null ? "" : " at version " + request.fromVersion())));
        return named;
    }

    private static String name(ProcessInstance instance) {
        return "machine " + Objects.requireNonNullElse(instance.getBusinessKey(), "(none)") + " (instance "
                + instance.getId() + ", version " + instance.getProcessDefinitionVersion() + ")";
    }

    private static String summary(List<String> problems) {
        List<String> shown = new ArrayList<>(problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS_SHOWN)));
        if (problems.size() > shown.size()) {
            shown.add("and " + (problems.size() - shown.size()) + " more");
        }
        return String.join("; ", shown);
    }
}
