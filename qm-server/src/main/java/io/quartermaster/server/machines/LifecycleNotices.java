package io.quartermaster.server.machines;

import io.quartermaster.server.catalog.TemplateDirectory;
import io.quartermaster.server.notifications.Notice;
import io.quartermaster.server.notifications.NotificationService;
import io.quartermaster.server.tenancy.GroupDirectory;
import io.quartermaster.server.tenancy.UserDirectory;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Tells people what their machines do: a line on the machine's timeline (what was told to whom) and an
 * e-mail through {@link NotificationService}, both in the step's transaction. The notification service
 * never throws for mail reasons, so a broken mail server cannot fail a lifecycle step.
 */
@Component
class LifecycleNotices implements OwnerNotices {

    private final MachineHistory history;
    private final NotificationService notifications;
    private final MachineViews views;
    private final RequestRepository requests;
    private final MachineRepository machines;
    private final UserDirectory users;
    private final GroupDirectory groups;
    private final TemplateDirectory templates;

    LifecycleNotices(MachineHistory history, NotificationService notifications, MachineViews views,
            RequestRepository requests, MachineRepository machines, UserDirectory users, GroupDirectory groups,
            TemplateDirectory templates) {
        this.history = history;
        this.notifications = notifications;
        this.views = views;
        this.requests = requests;
        this.machines = machines;
        this.users = users;
        this.groups = groups;
        this.templates = templates;
    }

    @Override
    public void ready(Machine machine) {
        note(machine, "Ready: " + machine.name() + ", lease ends " + (machine.leaseExpiresAt() == null ? "never"
                : machine.leaseExpiresAt()));
        notifications.notify(Notice.machineReady(machine.ownerId(), machine.id(), machine.name(), access(machine),
                machine.leaseExpiresAt()));
    }

    @Override
    public void leaseReminder(Machine machine) {
        note(machine, "Lease reminder: ends " + machine.leaseExpiresAt());
        notifications.notify(Notice.leaseReminder(machine.ownerId(), machine.id(), machine.name(),
                machine.leaseExpiresAt()));
    }

    @Override
    public void expired(Machine machine) {
        note(machine, "Expired: destroyed at " + machine.tombstoneEndsAt() + " unless restored");
        notifications.notify(Notice.machineExpired(machine.ownerId(), machine.id(), machine.name(), machine.expiredAt(),
                machine.tombstoneEndsAt()));
    }

    @Override
    public void destroyWarning(Machine machine) {
        note(machine, "Destruction warning: destroyed at " + machine.tombstoneEndsAt());
        notifications.notify(Notice.destructionWarning(machine.ownerId(), machine.id(), machine.name(),
                machine.tombstoneEndsAt()));
    }

    @Override
    public void approvalWaiting(ApprovalRepository.Approval approval) {
        String requester = username(approval.requesterId());
        String group = groups.find(approval.groupId()).map(GroupDirectory.GroupInfo::name).orElse("?");
        if (ApprovalRepository.LEASE_EXTENSION.equals(approval.kind())) {
            String machineName = machines.find(approval.machineId()).map(Machine::name).orElse("?");
            notifications.notifyGroupAdmins(approval.groupId(), admin -> Notice.leaseExtensionWaiting(admin,
                    approval.id(), requester, machineName, approval.extensionDays(), group, approval.reason()));
            return;
        }
        var request = requests.find(approval.requestId()).orElseThrow();
        String template = templateName(request);
        notifications.notifyGroupAdmins(approval.groupId(), admin -> Notice.approvalWaiting(admin, approval.id(),
                requester, template, request.count(), group, approval.reason()));
    }

    @Override
    public void decided(ApprovalRepository.Approval approval) {
        boolean approved = "Approved".equals(approval.state());
        if (ApprovalRepository.LEASE_EXTENSION.equals(approval.kind())) {
            Machine machine = machines.find(approval.machineId()).orElseThrow();
            notifications.notify(Notice.leaseExtensionDecided(approval.requesterId(), machine.id(), machine.name(),
                    approval.extensionDays(), approved, approval.decidedBy(), approval.decisionReason(), null));
            return;
        }
        var request = requests.find(approval.requestId()).orElseThrow();
        notifications.notify(Notice.requestDecided(approval.requesterId(), request.id(),
                templateName(request), request.count(), approved, approval.decidedBy(),
                approval.decisionReason()));
    }

    @Override
    public void failed(Machine machine) {
        note(machine, "Failed: " + machine.failureReason() + " " + machine.failureMessage());
        notifications.notify(Notice.machineFailed(machine.ownerId(), machine.id(),
                machine.name() == null ? "(not named yet)" : machine.name(), machine.failureReason(),
                machine.failureMessage()));
    }

    /** How the owner reaches the machine: its name on its host; the console is on the machine's page. */
    private String access(Machine machine) {
        return machine.name() + views.hostName(machine.hostId()).map(host -> " on host " + host).orElse("");
    }

    private String templateName(RequestRepository.StoredRequest request) {
        return templates.find(request.templateId()).map(t -> t.name()).orElse("?");
    }

    private String username(UUID userId) {
        return users.contact(userId).map(UserDirectory.Contact::username).orElse(userId.toString());
    }

    private void note(Machine machine, String text) {
        history.record(machine.id(), MachineHistory.NOTICE, null, null, null, "workflow",
                OwnerNotices.line(text, machine.ownerId()));
    }
}
