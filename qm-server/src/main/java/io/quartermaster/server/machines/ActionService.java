package io.quartermaster.server.machines;

import io.quartermaster.api.machines.ActionRequest;
import io.quartermaster.api.machines.MachineView;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.audit.AuditService;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.tenancy.GroupDirectory;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.runtime.Execution;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * People's actions on a machine. The owner (or a group administrator) asks; the action is checked
 * against the machine's state and the caller's roles, then handed to the machine's workflow as the
 * message {@code machine-action}. The workflow runs the action's first steps in this same transaction,
 * so a refusal on the way (no capacity to power on) undoes everything and reaches the caller.
 */
@Service
public class ActionService {

    static final String MESSAGE = "machine-action";
    private static final int ATTEMPTS = 3;

    private final MachineRepository machines;
    private final MachineViews views;
    private final MachineHistory history;
    private final Authorizer authorizer;
    private final GroupDirectory groups;
    private final RuntimeService runtime;
    private final AuditService audit;
    private final LeaseExtensions extensions;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate transactions;

    ActionService(MachineRepository machines, MachineViews views, MachineHistory history, Authorizer authorizer,
            GroupDirectory groups, RuntimeService runtime, AuditService audit, LeaseExtensions extensions, Clock clock,
            org.springframework.transaction.PlatformTransactionManager transactionManager) {
        this.transactions = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
        this.machines = machines;
        this.views = views;
        this.history = history;
        this.authorizer = authorizer;
        this.groups = groups;
        this.runtime = runtime;
        this.audit = audit;
        this.extensions = extensions;
        this.clock = clock;
    }

    /**
     * Performs the action; returns the machine as it is after the action's first steps. A workflow step
     * of the same machine running at that moment (a timer falling due) makes it conflict; that is tried
     * again a few times before the caller is told, since the person did nothing wrong.
     */
    public MachineView act(UUID machineId, String actionKey, ActionRequest body) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(tx -> actOnce(machineId, actionKey, body));
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !momentary(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(100L * attempt); // let the other step finish: a wait on the wall, not business time
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** A concurrent step of the engine, or a moment between two wait states: gone a few ms later. */
    private static boolean momentary(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.flowable.common.engine.api.FlowableOptimisticLockingException
                    || cause instanceof org.springframework.dao.ConcurrencyFailureException
                    || (cause instanceof QmException qm && "MachineBusy".equals(qm.reason()))) {
                return true;
            }
        }
        return false;
    }

    private MachineView actOnce(UUID machineId, String actionKey, ActionRequest body) {
        ActionRequest request = body == null ? ActionRequest.NONE : body;
        Machine machine = machines.lock(machineId).orElseThrow(() -> QmException.notFound("Machine", machineId));
        MachineAction action = MachineAction.byKey(actionKey).orElseThrow(() -> new QmException(HttpStatus.NOT_FOUND,
                "UnknownAction", "There is no action '" + actionKey + "'. Actions: extend-lease, set-reminder, restore, "
                        + "dispose, power-off, power-on, reboot, reprovision, retry, change-owner."));
        authorize(machine, action);
        if (!MachineAction.allowed(machine.state(), machine.powerState(), machine.permanent(),
                machine.currentStep() != null).contains(action)) {
            throw notNow(machine, action);
        }
        String detail = action.key() + (request.reason() == null ? "" : ": " + request.reason());
        if (action == MachineAction.CHANGE_OWNER) {
            changeOwner(machine, request);
        } else if (action == MachineAction.EXTEND_LEASE && extensions.needsApproval(machine, request)) {
            extensions.askApproval(machine, request);
            detail = detail + " (beyond policy: waiting for approval)";
        } else {
            if (action == MachineAction.SET_REMINDER && request.reminderDaysBefore() == null) {
                throw QmException.invalid("ValidationFailed", "set-reminder needs 'reminderDaysBefore' (0 turns it off).");
            }
            deliver(machine, action, request);
        }
        history.record(machine.id(), MachineHistory.ACTION, null, null, null, authorizer.caller().username(), detail);
        audit.success("machine." + action.key(), machine.scope(), "Machine", machine.id(), detail);
        return views.get(machine.id());
    }

    private void authorize(Machine machine, MachineAction action) {
        boolean own = authorizer.isCaller(machine.ownerId());
        if (own && !action.adminOnly() && authorizer.can(Operation.MACHINE_OPERATE, machine.scope())) {
            authorizer.require(Operation.MACHINE_OPERATE, machine.scope(), "Machine", machine.id());
            if (!authorizer.can(Operation.MACHINE_ADMIN, machine.scope())) {
                refuseIfGroupForbids(machine, action);
            }
            return;
        }
        if (!own && !authorizer.can(Operation.MACHINE_ADMIN, machine.scope())) {
            // Others' machines are invisible to plain members: NotFound, like any object they may not see.
            if (!authorizer.can(Operation.MACHINE_READ, machine.scope()) || !authorizer.canSeeScope(machine.scope())) {
                throw QmException.notFound("Machine", machine.id());
            }
        }
        authorizer.require(Operation.MACHINE_ADMIN, machine.scope(), "Machine", machine.id());
    }

    /** Group policy binds the group's users; its administrators (who set the policy) are not bound by it. */
    private void refuseIfGroupForbids(Machine machine, MachineAction action) {
        groups.find(machine.groupId()).filter(group -> group.forbiddenActions().contains(action.key()))
                .ifPresent(group -> {
                    throw new QmException(HttpStatus.FORBIDDEN, "ActionForbiddenByPolicy", "Group '" + group.name()
                            + "' does not let its users " + action.key() + " machines. Ask one of its administrators.");
                });
    }

    private void deliver(Machine machine, MachineAction action, ActionRequest request) {
        Execution waiting = runtime.createExecutionQuery().processInstanceId(machine.processInstanceId())
                .messageEventSubscriptionName(MESSAGE).list().stream().findFirst()
                .orElseThrow(() -> new QmException(HttpStatus.CONFLICT, "MachineBusy", "Machine " + label(machine)
                        + " is busy (" + (machine.currentStep() == null ? machine.state() : machine.currentStep())
                        + "). Try again when it is done."));
        Map<String, Object> variables = new HashMap<>();
        variables.put("action", action.key());
        variables.put("actionDays", request.days());
        variables.put("actionReminderDays", request.reminderDaysBefore());
        variables.put("actionBy", authorizer.caller().username());
        runtime.messageEventReceived(MESSAGE, waiting.getId(), variables);
    }

    private void changeOwner(Machine machine, ActionRequest request) {
        if (request.ownerId() == null) {
            throw QmException.invalid("ValidationFailed", "change-owner needs 'ownerId'.");
        }
        if (!groups.isMember(machine.groupId(), request.ownerId())) {
            throw QmException.invalid("NotAMember", "The new owner must be a member of the machine's group.");
        }
        machines.update(machine.id(), Map.of("owner_id", request.ownerId()), clock.instant());
    }

    private static QmException notNow(Machine machine, MachineAction action) {
        String state = machine.state() + (machine.state() == io.quartermaster.api.machines.MachineState.Active
                ? ", powered " + machine.powerState().name().toLowerCase(java.util.Locale.ROOT) : "")
                + (machine.currentStep() == null ? "" : ", busy with " + machine.currentStep());
        return new QmException(HttpStatus.CONFLICT, "ActionNotAllowed", "Cannot " + action.key() + " machine "
                + label(machine) + " while it is " + state + ". Allowed now: " + String.join(", ",
                MachineAction.allowed(machine.state(), machine.powerState(), machine.permanent(),
                        machine.currentStep() != null).stream().map(MachineAction::key).toList()) + ".");
    }

    static String label(Machine machine) {
        return machine.name() != null ? machine.name() : machine.id().toString();
    }
}
