package io.quartermaster.server.workflows;

import io.quartermaster.api.Page;
import io.quartermaster.api.workflows.WorkflowInstanceView;
import io.quartermaster.api.workflows.WorkflowVersionView;
import io.quartermaster.api.workflows.WorkflowView;
import io.quartermaster.server.platform.web.PageParams;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.flowable.common.engine.api.FlowableObjectNotFoundException;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.repository.ProcessDefinition;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.engine.runtime.ProcessInstanceQuery;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What is deployed in the engine, and which machines run which version. */
@Service
public class WorkflowQueryService {

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final WorkflowVersions versions;
    private final WorkflowAccess access;

    WorkflowQueryService(RepositoryService repository, RuntimeService runtime, WorkflowVersions versions,
            WorkflowAccess access) {
        this.repository = repository;
        this.runtime = runtime;
        this.versions = versions;
        this.access = access;
    }

    /** Every workflow by key, with its latest version. */
    @Transactional(readOnly = true)
    public Page<WorkflowView> list(PageParams paging) {
        access.requireRead("list");
        List<WorkflowView> items = repository.createProcessDefinitionQuery().latestVersion()
                .orderByProcessDefinitionKey().asc().listPage(first(paging), paging.size()).stream()
                .map(latest -> new WorkflowView(latest.getKey(), latest.getName(), latest.getVersion(),
                        versions.ofKey(latest.getKey()).count(),
                        access.visibleInstances().processDefinitionKey(latest.getKey()).count()))
                .toList();
        return new Page<>(items, paging.page(), paging.size(),
                repository.createProcessDefinitionQuery().latestVersion().count());
    }

    /** The versions of one workflow, newest first. */
    @Transactional(readOnly = true)
    public Page<WorkflowVersionView> versions(String key, PageParams paging) {
        access.requireRead(key);
        versions.requireExists(key);
        List<ProcessDefinition> page = versions.ofKey(key).orderByProcessDefinitionVersion().desc()
                .listPage(first(paging), paging.size());
        return new Page<>(versions.views(page), paging.page(), paging.size(), versions.ofKey(key).count());
    }

    /** The BPMN file a version was deployed from, byte for byte. */
    @Transactional(readOnly = true)
    public byte[] bpmn(String key, int version) {
        access.requireRead(key);
        ProcessDefinition definition = versions.version(key, version);
        try (InputStream xml = repository.getProcessModel(definition.getId())) {
            return xml.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The running instances of a workflow (of one version, if given), oldest first. */
    @Transactional(readOnly = true)
    public Page<WorkflowInstanceView> instances(String key, Integer version, PageParams paging) {
        access.requireRead(key);
        if (version == null) {
            versions.requireExists(key);
        } else {
            versions.version(key, version);
        }
        List<WorkflowInstanceView> items = instancesOf(key, version).orderByStartTime().asc()
                .orderByProcessInstanceId().asc().listPage(first(paging), paging.size()).stream()
                .map(this::view).toList();
        return new Page<>(items, paging.page(), paging.size(), instancesOf(key, version).count());
    }

    private ProcessInstanceQuery instancesOf(String key, Integer version) {
        ProcessInstanceQuery query = access.visibleInstances().processDefinitionKey(key);
        return version == null ? query : query.processDefinitionVersion(version);
    }

    private WorkflowInstanceView view(ProcessInstance instance) {
        return new WorkflowInstanceView(instance.getBusinessKey(), instance.getId(),
                instance.getProcessDefinitionVersion(), instance.getStartTime().toInstant(), activities(instance));
    }

    private List<String> activities(ProcessInstance instance) {
        try {
            return runtime.getActiveActivityIds(instance.getId()).stream().sorted().toList();
        } catch (FlowableObjectNotFoundException endedMeanwhile) {
            return List.of();
        }
    }

    /** Flowable pages by an int offset; a page beyond that is empty anyway. */
    private static int first(PageParams paging) {
        return (int) Math.min(paging.offset(), Integer.MAX_VALUE);
    }
}
