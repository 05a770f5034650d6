package io.quartermaster.server.machines;

import io.quartermaster.api.Page;
import io.quartermaster.api.machines.ApprovalView;
import io.quartermaster.api.machines.Decision;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.access.Scope;
import io.quartermaster.server.audit.AuditService;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.platform.web.PageParams;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Group administrators' decisions. An approval is the workflows' user tasks seen as one thing: a
 * request's approval completes the task of each of its machines, in one transaction, and the machines
 * go on to their build (or end Rejected, their claims released) right away.
 */
@Service
public class ApprovalService {

    private final ApprovalRepository approvals;
    private final MachineRepository machines;
    private final MachineHistory history;
    private final TaskService tasks;
    private final Authorizer authorizer;
    private final AuditService audit;
    private final OwnerNotices notices;
    private final MachineViews views;
    private final Clock clock;

    ApprovalService(ApprovalRepository approvals, MachineRepository machines, MachineHistory history, TaskService tasks,
            Authorizer authorizer, AuditService audit, OwnerNotices notices, MachineViews views, Clock clock) {
        this.approvals = approvals;
        this.machines = machines;
        this.history = history;
        this.tasks = tasks;
        this.authorizer = authorizer;
        this.audit = audit;
        this.notices = notices;
        this.views = views;
        this.clock = clock;
    }

    /**
     * Approvals the caller may see: for administrators those of their groups, for everyone their own.
     * {@code state} filters (Pending by default; "all" for every state).
     */
    @Transactional(readOnly = true)
    public Page<ApprovalView> list(String state, UUID groupId, PageParams paging) {
        Map<String, Object> params = new HashMap<>();
        List<String> where = new ArrayList<>();
        params.put("me", authorizer.caller().userId());
        String visible = authorizer.visibility(Operation.APPROVAL_DECIDE).sql("a.tenant_id", "a.group_id IN (:visibleGroups)",
                params);
        where.add(visible == null ? "1 = 1" : "(a.requester_id = :me OR " + visible + ")");
        String wanted = state == null ? ApprovalRepository.PENDING : state;
        if (!"all".equalsIgnoreCase(wanted)) {
            if (!List.of("Pending", "Approved", "Rejected", "Expired").contains(wanted)) {
                throw QmException.invalid("ValidationFailed", "state must be Pending, Approved, Rejected, Expired or all");
            }
            where.add("a.state = :state");
            params.put("state", wanted);
        }
        if (groupId != null) {
            where.add("a.group_id = :group");
            params.put("group", groupId);
        }
        String condition = String.join(" AND ", where);
        return new Page<>(approvals.list(condition, params, (int) paging.offset(), paging.size()).stream()
                .map(views::approval).toList(), paging.page(), paging.size(), approvals.count(condition, params));
    }

    @Transactional(readOnly = true)
    public ApprovalView get(UUID id) {
        var approval = approvals.find(id).orElseThrow(() -> QmException.notFound("Approval", id));
        if (!authorizer.isCaller(approval.requesterId())) {
            authorizer.require(Operation.APPROVAL_DECIDE, scope(approval), "Approval", id);
        }
        return views.approval(approval);
    }

    @Transactional
    public ApprovalView decide(UUID id, boolean approve, Decision decision) {
        var approval = approvals.find(id).orElseThrow(() -> QmException.notFound("Approval", id));
        authorizer.require(Operation.APPROVAL_DECIDE, scope(approval), "Approval", id);
        String reason = decision == null || decision.reason() == null || decision.reason().isBlank() ? null
                : decision.reason().strip();
        if (!approve && reason == null) {
            throw QmException.invalid("ReasonRequired", "Say why the request is rejected: the requester is told.");
        }
        String by = authorizer.caller().username();
        if (!approvals.decide(id, approve ? "Approved" : "Rejected", by, clock.instant(), reason)) {
            throw new QmException(HttpStatus.CONFLICT, "AlreadyDecided", "This approval is no longer pending: it is "
                    + approvals.find(id).orElseThrow().state() + ".");
        }
        String detail = (approve ? "Approved" : "Rejected") + " by " + by + (reason == null ? "" : ": " + reason);
        for (Task task : tasksOf(approval)) {
            history.record(machineIdOf(task),
                    MachineHistory.ACTION, null, null, null, by, detail);
            tasks.complete(task.getId(), Map.of("approved", approve));
        }
        audit.success(approve ? "approval.approve" : "approval.reject", scope(approval), "Approval", id, detail);
        var decided = approvals.find(id).orElseThrow();
        notices.decided(decided);
        return views.approval(decided);
    }

    private List<Task> tasksOf(ApprovalRepository.Approval approval) {
        if (ApprovalRepository.LEASE_EXTENSION.equals(approval.kind())) {
            return tasks.createTaskQuery().taskDefinitionKey("approveExtension")
                    .processInstanceBusinessKey(approval.machineId().toString()).list();
        }
        List<Task> found = new ArrayList<>();
        for (Machine machine : machines.ofRequest(approval.requestId())) {
            found.addAll(tasks.createTaskQuery().taskDefinitionKey("approve")
                    .processInstanceBusinessKey(machine.id().toString()).list());
        }
        return found;
    }

    private UUID machineIdOf(Task task) {
        return UUID.fromString((String) tasks.getVariable(task.getId(), "machineId"));
    }

    private static Scope scope(ApprovalRepository.Approval approval) {
        return Scope.group(approval.tenantId(), approval.groupId());
    }
}
