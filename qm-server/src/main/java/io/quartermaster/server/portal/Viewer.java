package io.quartermaster.server.portal;

import io.quartermaster.api.tenancy.CurrentUserView;
import io.quartermaster.api.tenancy.GroupRole;
import java.util.ArrayList;
import java.util.List;

/**
 * The signed-in person as the layout shows them: who they are, in which roles, and which parts of the
 * portal their roles open. The flags come from the roles file through the authorizer, not from role
 * names, so a changed roles file changes the navigation too.
 *
 * @param canOrder they are a member of a group, or administer a tenant (whose groups they may order in)
 * @param canApprove some grant of theirs allows deciding approvals
 * @param seesOthersMachines some grant of theirs allows acting on machines of others (group admin and up)
 */
public record Viewer(String username, String displayName, String tenantName, List<String> roles, boolean canOrder,
        boolean canApprove, boolean seesOthersMachines, boolean tenantAdmin, boolean systemAdmin,
        long approvalsWaiting) {

    static List<String> roleLabels(CurrentUserView me) {
        List<String> labels = new ArrayList<>();
        if (me.user().systemAdmin()) {
            labels.add("System administrator");
        }
        if (me.user().tenantAdmin()) {
            labels.add("Tenant administrator of " + me.tenantName());
        }
        for (CurrentUserView.Membership membership : me.memberships()) {
            labels.add((membership.role() == GroupRole.GROUP_ADMIN ? "Group administrator of " : "Member of ")
                    + membership.groupName());
        }
        return labels;
    }

    /** What the header says under the name: the most senior role first. */
    public String roleSummary() {
        return roles.isEmpty() ? "No role yet" : String.join(" · ", roles);
    }

    public String machinesLabel() {
        return seesOthersMachines ? "Machines" : "My machines";
    }
}
