package io.quartermaster.server.notifications;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a notice tells its reader, with the values its message needs. Each kind has a message template
 * ({@code mail/<template>.txt}); the {@link Notice} factories fill in the values by name. Which kinds a
 * user may turn off is decided here: reminders and approval requests are optional, news about the
 * reader's own machines and requests is not.
 */
public enum NoticeKind {

    /** A machine was built and handed over: how to reach it and when its lease ends (absent: permanent). */
    MACHINE_READY("machine-ready", OptOut.NEVER, List.of("machineId", "machineName", "access"),
            List.of("leaseExpiresAt")),
    /** A lease ends soon; how to extend it. */
    LEASE_REMINDER("lease-reminder", OptOut.LEASE_REMINDERS, List.of("machineId", "machineName", "leaseExpiresAt"),
            List.of()),
    /** A lease ended: the machine is off, restorable until it is destroyed. */
    MACHINE_EXPIRED("machine-expired", OptOut.NEVER, List.of("machineId", "machineName", "expiredAt", "destroyAt"),
            List.of()),
    /** An expired machine is about to be destroyed; the last chance to restore it. */
    DESTRUCTION_WARNING("destruction-warning", OptOut.LEASE_REMINDERS, List.of("machineId", "machineName",
            "destroyAt"), List.of()),
    /** To a group administrator: a request waits for their approval. */
    APPROVAL_WAITING("approval-waiting", OptOut.APPROVAL_REQUESTS, List.of("approvalId", "requester", "templateName",
            "count"), List.of("groupName", "reason")),
    /** To the requester: their request was approved or rejected, by whom and why. */
    REQUEST_DECIDED("request-decided", OptOut.NEVER, List.of("requestId", "templateName", "count", "approved",
            "decidedBy"), List.of("reason")),
    /** To a group administrator: a longer lease for a machine waits for their approval. */
    LEASE_EXTENSION_WAITING("lease-extension-waiting", OptOut.APPROVAL_REQUESTS, List.of("approvalId", "requester",
            "machineName", "extensionDays"), List.of("groupName", "reason")),
    /** To whoever asked: the longer lease was approved (the new end, if known) or rejected. */
    LEASE_EXTENSION_DECIDED("lease-extension-decided", OptOut.NEVER, List.of("machineId", "machineName",
            "extensionDays", "approved", "decidedBy"), List.of("reason", "leaseExpiresAt")),
    /** A machine failed (building, powering, destroying…): the reason, and what the owner can do. */
    MACHINE_FAILED("machine-failed", OptOut.NEVER, List.of("machineId", "machineName", "failureReason"),
            List.of("failureMessage"));

    /** The preference that can turn a kind off. */
    enum OptOut { NEVER, LEASE_REMINDERS, APPROVAL_REQUESTS }

    private final String template;
    private final OptOut optOut;
    private final List<String> required;
    private final List<String> optional;

    NoticeKind(String template, OptOut optOut, List<String> required, List<String> optional) {
        this.template = template;
        this.optOut = optOut;
        this.required = required;
        this.optional = optional;
    }

    /** The values a notice of this kind must carry. */
    public List<String> requiredValues() {
        return required;
    }

    /** The values it may carry (left out or null: the message does without). */
    public List<String> optionalValues() {
        return optional;
    }

    String template() {
        return template;
    }

    OptOut optOut() {
        return optOut;
    }

    /**
     * The values without nulls, as an unmodifiable map; refuses a missing required value or an unknown
     * name, which is a mistake of the calling code (a typo would otherwise print an empty line).
     */
    Map<String, Object> checked(Map<String, ?> values) {
        Map<String, Object> present = new HashMap<>();
        values.forEach((name, value) -> {
            if (value != null) {
                present.put(name, value);
            }
        });
        Set<String> missing = new TreeSet<>(required);
        missing.removeAll(present.keySet());
        Set<String> unknown = new TreeSet<>(present.keySet());
        unknown.removeAll(required);
        optional.forEach(unknown::remove);
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalArgumentException(this + " notice: missing values " + missing + ", unknown values "
                    + unknown + "; it takes " + required + " and optionally " + optional + ".");
        }
        return Map.copyOf(present);
    }
}
