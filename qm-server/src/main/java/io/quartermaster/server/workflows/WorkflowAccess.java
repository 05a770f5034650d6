package io.quartermaster.server.workflows;

import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Caller;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.access.Scope;
import io.quartermaster.server.access.Visibility;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.runtime.ProcessInstanceQuery;
import org.springframework.stereotype.Component;

/**
 * Who may see and change workflows. Definitions are engine-wide, not tenant objects: reading them is
 * allowed to whoever holds {@code workflow.read} anywhere (tenant administrators in their own tenant),
 * changing them only at system scope. Instances, though, are machines, and machines belong to tenants:
 * below system scope a caller sees only the instances whose {@value #TENANT_VARIABLE} variable names a
 * tenant where they may read workflows.
 */
@Component
class WorkflowAccess {

    /** The process variable, a tenant id as text, that places a workflow instance in a tenant. */
    static final String TENANT_VARIABLE = "tenantId";

    private final Authorizer authorizer;
    private final RuntimeService runtime;

    WorkflowAccess(Authorizer authorizer, RuntimeService runtime) {
        this.authorizer = authorizer;
        this.runtime = runtime;
    }

    /** Allowed when the caller's role allows reading workflows at system scope or in their own tenant. */
    void requireRead(Object what) {
        Caller caller = authorizer.caller();
        List<Scope> places = new ArrayList<>(List.of(Scope.system()));
        if (caller.tenantId() != null) {
            places.add(Scope.tenant(caller.tenantId()));
        }
        authorizer.requireAny(Operation.WORKFLOW_READ, places, "Workflow", what);
    }

    /** Deploying and migrating change what every tenant's machines run: system administrators only. */
    void requireManage(Object what) {
        authorizer.require(Operation.WORKFLOW_MANAGE, Scope.system(), "Workflow", what);
    }

    /** The running instances the caller may see (call after {@link #requireRead}). */
    ProcessInstanceQuery visibleInstances() {
        ProcessInstanceQuery query = runtime.createProcessInstanceQuery();
        Visibility visible = authorizer.visibility(Operation.WORKFLOW_READ);
        if (visible.everything()) {
            return query;
        }
        List<UUID> tenants = visible.tenants();
        if (tenants.isEmpty()) {
            // No tenant to show: a condition no instance meets, so counts and pages agree on nothing.
            return query.processInstanceId("-");
        }
        query.or();
        tenants.forEach(tenant -> query.variableValueEquals(TENANT_VARIABLE, tenant.toString()));
        return query.endOr();
    }
}
