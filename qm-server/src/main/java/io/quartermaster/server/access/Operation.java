package io.quartermaster.server.access;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything a caller may be allowed to do. Which role may do which is not decided here but in the
 * roles file ({@code roles.yml}); each operation names the resource it acts on so a denial can be told
 * apart from an object the caller may not even know about (403 versus 404).
 */
public enum Operation {
    TENANT_READ("tenant.read", "Tenant"),
    TENANT_CREATE("tenant.create", "Tenant"),
    TENANT_UPDATE("tenant.update", "Tenant"),
    TENANT_DELETE("tenant.delete", "Tenant"),
    GROUP_READ("group.read", "Group"),
    GROUP_CREATE("group.create", "Group"),
    GROUP_UPDATE("group.update", "Group"),
    GROUP_DELETE("group.delete", "Group"),
    MEMBER_READ("member.read", "Group"),
    MEMBER_MANAGE("member.manage", "Group"),
    USER_READ("user.read", "User"),
    USER_CREATE("user.create", "User"),
    USER_UPDATE("user.update", "User"),
    USER_DELETE("user.delete", "User"),
    USER_GRANT_TENANT_ADMIN("user.grant-tenant-admin", "User"),
    USER_GRANT_SYSTEM_ADMIN("user.grant-system-admin", "User"),
    AUDIT_READ("audit.read", "Audit"),
    HOST_READ("host.read", "Host"),
    HOST_MANAGE("host.manage", "Host"),
    RESERVATION_READ("reservation.read", "Reservation"),
    RESERVATION_MANAGE("reservation.manage", "Reservation"),
    TEMPLATE_READ("template.read", "Template"),
    TEMPLATE_MANAGE("template.manage", "Template"),
    CLAIM_READ("claim.read", "Claim"),
    CLAIM_MANAGE("claim.manage", "Claim"),
    CAPACITY_READ("capacity.read", "Group"),
    REQUEST_CREATE("request.create", "Request"),
    REQUEST_READ("request.read", "Request"),
    APPROVAL_DECIDE("approval.decide", "Approval"),
    MACHINE_READ("machine.read", "Machine"),
    MACHINE_OPERATE("machine.operate", "Machine"),
    MACHINE_ADMIN("machine.admin", "Machine"),
    WORKFLOW_READ("workflow.read", "Workflow"),
    WORKFLOW_MANAGE("workflow.manage", "Workflow"),
    METRICS_READ("metrics.read", "Metrics"),
    NOTIFICATION_READ("notification.read", "Notification"),
    AGENT_READ("agent.read", "Agent"),
    AGENT_MANAGE("agent.manage", "Agent"),
    IMAGE_READ("image.read", "Image"),
    IMAGE_MANAGE("image.manage", "Image");

    private static final Map<String, Operation> BY_KEY =
            Arrays.stream(values()).collect(Collectors.toMap(Operation::key, Function.identity()));

    private final String key;
    private final String resource;

    Operation(String key, String resource) {
        this.key = key;
        this.resource = resource;
    }

    /** The name used in the roles file and as the audit action, e.g. {@code group.create}. */
    public String key() {
        return key;
    }

    /** The kind of object it acts on, as named in messages: "Group", "User"… */
    public String resource() {
        return resource;
    }

    public static Optional<Operation> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    @Override
    public String toString() {
        return key;
    }
}
