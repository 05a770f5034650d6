package io.quartermaster.server.tenancy;

import io.quartermaster.api.tenancy.PlacementPolicy;
import io.quartermaster.server.access.Scope;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other features need to know about a group (its tenant, name and placement policy), without
 * authorization: callers decide who may see what they build from it.
 */
@Service
public class GroupDirectory {

    public record GroupInfo(UUID id, UUID tenantId, String name, PlacementPolicy placementPolicy) {
        public Scope scope() {
            return Scope.group(tenantId, id);
        }
    }

    private final GroupRepository groups;
    private final MembershipRepository memberships;

    GroupDirectory(GroupRepository groups, MembershipRepository memberships) {
        this.groups = groups;
        this.memberships = memberships;
    }

    @Transactional(readOnly = true)
    public Optional<GroupInfo> find(UUID id) {
        return groups.info(id);
    }

    /** Whether the user belongs to the group (in any role). */
    @Transactional(readOnly = true)
    public boolean isMember(UUID groupId, UUID userId) {
        return memberships.roleOf(groupId, userId).isPresent();
    }
}
