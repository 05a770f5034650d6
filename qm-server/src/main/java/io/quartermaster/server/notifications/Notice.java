package io.quartermaster.server.notifications;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Something to tell one user, by e-mail. Use the factories, which name every value the kind's message
 * needs; building a notice with a missing or unknown value throws {@link IllegalArgumentException} at
 * once (a mistake the calling code's tests find), while {@link NotificationService#notify} itself never
 * throws.
 *
 * @param kind        what it tells
 * @param recipientId the user it goes to (their e-mail address is looked up when it is recorded)
 * @param model       the values the message shows, by name (see {@link NoticeKind}); nulls are dropped
 */
public record Notice(NoticeKind kind, UUID recipientId, Map<String, Object> model) {

    public Notice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recipientId, "recipientId");
        model = kind.checked(Objects.requireNonNull(model, "model"));
    }

    /** The machine is built. {@code access}: how to reach it (address, console); lease end null when permanent. */
    public static Notice machineReady(UUID recipientId, UUID machineId, String machineName, String access,
            Instant leaseExpiresAt) {
        return new Notice(NoticeKind.MACHINE_READY, recipientId, values("machineId", machineId, "machineName",
                machineName, "access", access, "leaseExpiresAt", leaseExpiresAt));
    }

    public static Notice leaseReminder(UUID recipientId, UUID machineId, String machineName, Instant leaseExpiresAt) {
        return new Notice(NoticeKind.LEASE_REMINDER, recipientId, values("machineId", machineId, "machineName",
                machineName, "leaseExpiresAt", leaseExpiresAt));
    }

    public static Notice machineExpired(UUID recipientId, UUID machineId, String machineName, Instant expiredAt,
            Instant destroyAt) {
        return new Notice(NoticeKind.MACHINE_EXPIRED, recipientId, values("machineId", machineId, "machineName",
                machineName, "expiredAt", expiredAt, "destroyAt", destroyAt));
    }

    public static Notice destructionWarning(UUID recipientId, UUID machineId, String machineName, Instant destroyAt) {
        return new Notice(NoticeKind.DESTRUCTION_WARNING, recipientId, values("machineId", machineId, "machineName",
                machineName, "destroyAt", destroyAt));
    }

    /** To one administrator; see {@link NotificationService#notifyGroupAdmins} to reach all of a group's. */
    public static Notice approvalWaiting(UUID recipientId, UUID approvalId, String requester, String templateName,
            int count, String groupName, String reason) {
        return new Notice(NoticeKind.APPROVAL_WAITING, recipientId, values("approvalId", approvalId, "requester",
                requester, "templateName", templateName, "count", count, "groupName", groupName, "reason", reason));
    }

    /** {@code decidedBy}: who approved or rejected (a username); {@code reason} may be null. */
    public static Notice requestDecided(UUID recipientId, UUID requestId, String templateName, int count,
            boolean approved, String decidedBy, String reason) {
        return new Notice(NoticeKind.REQUEST_DECIDED, recipientId, values("requestId", requestId, "templateName",
                templateName, "count", count, "approved", approved, "decidedBy", decidedBy, "reason", reason));
    }

    /** To one administrator: a longer lease for a machine waits for approval. */
    public static Notice leaseExtensionWaiting(UUID recipientId, UUID approvalId, String requester, String machineName,
            int extensionDays, String groupName, String reason) {
        return new Notice(NoticeKind.LEASE_EXTENSION_WAITING, recipientId, values("approvalId", approvalId, "requester",
                requester, "machineName", machineName, "extensionDays", extensionDays, "groupName", groupName,
                "reason", reason));
    }

    /** {@code leaseExpiresAt}: the new lease end when approved (null if not known); {@code reason} may be null. */
    public static Notice leaseExtensionDecided(UUID recipientId, UUID machineId, String machineName, int extensionDays,
            boolean approved, String decidedBy, String reason, Instant leaseExpiresAt) {
        return new Notice(NoticeKind.LEASE_EXTENSION_DECIDED, recipientId, values("machineId", machineId,
                "machineName", machineName, "extensionDays", extensionDays, "approved", approved, "decidedBy",
                decidedBy, "reason", reason, "leaseExpiresAt", leaseExpiresAt));
    }

    /** {@code failureReason}: the CamelCase reason stored on the machine; {@code failureMessage} may be null. */
    public static Notice machineFailed(UUID recipientId, UUID machineId, String machineName, String failureReason,
            String failureMessage) {
        return new Notice(NoticeKind.MACHINE_FAILED, recipientId, values("machineId", machineId, "machineName",
                machineName, "failureReason", failureReason, "failureMessage", failureMessage));
    }

    /** Name-value pairs into a map that, unlike {@code Map.of}, takes nulls (optional values). */
    private static Map<String, Object> values(Object... namesAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return values;
    }
}
