package io.quartermaster.server.machines;

import java.util.UUID;

/**
 * What the lifecycle tells people: the owner when the machine is ready, before its lease ends, when it
 * expired and before it is destroyed; group administrators when an approval waits; the requester when
 * it was decided. Implementations must not fail the lifecycle step that calls them.
 */
interface OwnerNotices {

    void ready(Machine machine);

    void leaseReminder(Machine machine);

    void expired(Machine machine);

    void destroyWarning(Machine machine);

    void approvalWaiting(ApprovalRepository.Approval approval);

    void decided(ApprovalRepository.Approval approval);

    void failed(Machine machine);

    /** Who is told about a machine, for its timeline. */
    static String line(String what, UUID userId) {
        return what + " (to user " + userId + ")";
    }
}
