package io.quartermaster.server.tenancy;

import io.quartermaster.api.tenancy.PlacementPolicy;
import io.quartermaster.server.access.Scope;
import java.util.List;
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

    /** {@code forbiddenActions}: machine actions the group's users may not take (its administrators may). */
    public record GroupInfo(UUID id, UUID tenantId, String name, PlacementPolicy placementPolicy,
            List<String> forbiddenActions) {
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

    /** How long placement may use a group's facts read earlier (only its policy can change meanwhile). */
    static final long PLACEMENT_CACHE_MILLIS = 5_000;
    private final java.util.concurrent.ConcurrentHashMap<UUID, Cached> forPlacement =
            new java.util.concurrent.ConcurrentHashMap<>();

    private record Cached(GroupInfo info, long readAtNanos) {}

    /**
     * The group's facts for placement, read at most every few seconds: a policy change reaches other
     * server nodes within {@value #PLACEMENT_CACHE_MILLIS} ms, which only affects which fitting
     * reservation is preferred, never whether a claim fits (the database checks that).
     */
    public Optional<GroupInfo> forPlacement(UUID id) {
        long now = System.nanoTime(); // an age, not a date: monotonic, whatever the server's clock says
        Cached cached = forPlacement.get(id);
        if (cached != null && now - cached.readAtNanos() < PLACEMENT_CACHE_MILLIS * 1_000_000) {
            return Optional.of(cached.info());
        }
        Optional<GroupInfo> info = find(id);
        info.ifPresentOrElse(found -> forPlacement.put(id, new Cached(found, now)), () -> forPlacement.remove(id));
        return info;
    }

    /** Forgets what placement cached about a group (called when the group changes on this node). */
    void changed(UUID id) {
        forPlacement.remove(id);
    }

    /** The ids of the group's administrators (members with the GROUP_ADMIN role), in username order. */
    @Transactional(readOnly = true)
    public List<UUID> adminIds(UUID groupId) {
        return memberships.adminIds(groupId);
    }

    /** Whether the user belongs to the group (in any role). */
    @Transactional(readOnly = true)
    public boolean isMember(UUID groupId, UUID userId) {
        return memberships.roleOf(groupId, userId).isPresent();
    }
}
