package io.quartermaster.server.portal;

import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Operation;

/**
 * Which administration pages the signed-in person's roles open, read from the roles file through the
 * authorizer: a group administrator gets the dashboard, the machine report, reservations, templates,
 * groups and the audit log of their groups; a tenant administrator adds hosts, workflows and agents.
 */
public record AdminAreas(boolean machines, boolean hosts, boolean reservations, boolean templates, boolean groups,
        boolean workflows, boolean audit, boolean agents) {

    static AdminAreas of(Authorizer authorizer) {
        return new AdminAreas(can(authorizer, Operation.MACHINE_ADMIN), can(authorizer, Operation.HOST_READ),
                can(authorizer, Operation.RESERVATION_READ), can(authorizer, Operation.TEMPLATE_MANAGE),
                can(authorizer, Operation.MEMBER_MANAGE), can(authorizer, Operation.WORKFLOW_READ),
                can(authorizer, Operation.AUDIT_READ), can(authorizer, Operation.AGENT_READ));
    }

    /** The administration entry in the navigation, and the dashboard, are there when any page is. */
    public boolean any() {
        return machines || hosts || reservations || templates || groups || workflows || audit || agents;
    }

    private static boolean can(Authorizer authorizer, Operation operation) {
        return !authorizer.visibility(operation).nothing();
    }
}
