package io.quartermaster.server.machines;

import io.quartermaster.api.machines.ActionRequest;
import io.quartermaster.api.machines.MachineState;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.platform.errors.QmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.flowable.engine.RuntimeService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Lease extensions beyond the template's policy: the remaining lease after an extension may not pass
 * the template's {@code maxLeaseDaysWithoutApproval} (or its lease length) without a group
 * administrator's approval, asked for through the {@code lease-extension} workflow.
 */
@Component
class LeaseExtensions {

    static final String PROCESS = "lease-extension";

    private final ApprovalRepository approvals;
    private final RuntimeService runtime;
    private final OwnerNotices notices;
    private final Authorizer authorizer;
    private final LifecycleSettings settings;
    private final Clock clock;

    LeaseExtensions(ApprovalRepository approvals, RuntimeService runtime, OwnerNotices notices, Authorizer authorizer,
            LifecycleSettings settings, Clock clock) {
        this.approvals = approvals;
        this.runtime = runtime;
        this.notices = notices;
        this.authorizer = authorizer;
        this.settings = settings;
        this.clock = clock;
    }

    boolean needsApproval(Machine machine, ActionRequest request) {
        Integer max = machine.spec().approval() != null && machine.spec().approval().maxLeaseDaysWithoutApproval() != null
                ? machine.spec().approval().maxLeaseDaysWithoutApproval() : machine.leaseDays();
        if (max == null) {
            return false;
        }
        Duration remaining = Duration.between(clock.instant(), newEnd(machine, request.days()));
        return remaining.compareTo(settings.days(max)) > 0;
    }

    /**
     * Where an extension by {@code days} (null: the template's lease) puts the lease end: added to a
     * lease still running, or counted from now for an expired machine.
     */
    Instant newEnd(Machine machine, Integer days) {
        int lease = days != null ? days : machine.leaseDays() != null ? machine.leaseDays() : 1;
        Instant now = clock.instant();
        Instant from = machine.state() == MachineState.Active && machine.leaseExpiresAt() != null
                && machine.leaseExpiresAt().isAfter(now) ? machine.leaseExpiresAt() : now;
        return from.plus(settings.days(lease));
    }

    void askApproval(Machine machine, ActionRequest request) {
        if (approvals.pendingExtension(machine.id()).isPresent()) {
            throw new QmException(HttpStatus.CONFLICT, "ExtensionPending", "An extension of this machine's lease already"
                    + " waits for approval. Wait for the decision.");
        }
        Instant now = clock.instant();
        var approval = new ApprovalRepository.Approval(UUID.randomUUID(), ApprovalRepository.LEASE_EXTENSION,
                machine.requestId(), machine.id(), machine.tenantId(), machine.groupId(), authorizer.caller().userId(),
                request.days() != null ? request.days() : machine.leaseDays(),
                request.reason() == null ? "" : request.reason(), ApprovalRepository.PENDING, now,
                now.plus(settings.days(settings.approvalTimeoutDays())), null, null, null, 0);
        approvals.insert(approval);
        runtime.createProcessInstanceBuilder().processDefinitionKey(PROCESS).businessKey(machine.id().toString())
                .variable("machineId", machine.id().toString()).variable("approvalId", approval.id().toString())
                .variable("tenantId", machine.tenantId().toString())
                .variable("groupId", machine.groupId().toString()).variable("actionDays", approval.extensionDays())
                .start();
        notices.approvalWaiting(approval);
    }
}
