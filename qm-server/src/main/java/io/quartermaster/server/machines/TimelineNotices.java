package io.quartermaster.server.machines;

import org.springframework.stereotype.Component;

/**
 * Notices written to the machine's timeline (what was told to whom). Delivery by e-mail joins here
 * when the notifications feature is in place.
 */
@Component
class TimelineNotices implements OwnerNotices {

    private final MachineHistory history;

    TimelineNotices(MachineHistory history) {
        this.history = history;
    }

    @Override
    public void ready(Machine machine) {
        note(machine, "Ready: " + machine.name() + ", lease ends " + (machine.leaseExpiresAt() == null ? "never"
                : machine.leaseExpiresAt()));
    }

    @Override
    public void leaseReminder(Machine machine) {
        note(machine, "Lease reminder: ends " + machine.leaseExpiresAt());
    }

    @Override
    public void expired(Machine machine) {
        note(machine, "Expired: destroyed at " + machine.tombstoneEndsAt() + " unless restored");
    }

    @Override
    public void destroyWarning(Machine machine) {
        note(machine, "Destruction warning: destroyed at " + machine.tombstoneEndsAt());
    }

    @Override
    public void approvalWaiting(ApprovalRepository.Approval approval) {
        // Told to the group's administrators; recorded on the approval itself.
    }

    @Override
    public void decided(ApprovalRepository.Approval approval) {
        // Told to the requester; the decision is on the approval and the machines' timelines.
    }

    @Override
    public void failed(Machine machine) {
        note(machine, "Failed: " + machine.failureReason() + " " + machine.failureMessage());
    }

    private void note(Machine machine, String text) {
        history.record(machine.id(), MachineHistory.NOTICE, null, null, null, "workflow",
                OwnerNotices.line(text, machine.ownerId()));
    }
}
