package io.quartermaster.server.tenancy;

import io.quartermaster.api.Page;
import io.quartermaster.api.tenancy.AddMember;
import io.quartermaster.api.tenancy.MemberView;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.audit.AuditService;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.platform.web.PageParams;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Who belongs to a group, and in which role. Only users of the group's own tenant can join it. */
@Service
public class MemberService {

    /** What adding a member did: {@code created} is false when an existing member's role was set. */
    public record Added(MemberView member, boolean created) {}

    private final GroupService groups;
    private final UserRepository users;
    private final MembershipRepository memberships;
    private final Authorizer authorizer;
    private final AuditService audit;
    private final Clock clock;

    MemberService(GroupService groups, UserRepository users, MembershipRepository memberships, Authorizer authorizer,
            AuditService audit, Clock clock) {
        this.groups = groups;
        this.users = users;
        this.memberships = memberships;
        this.authorizer = authorizer;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page<MemberView> list(UUID groupId, PageParams paging) {
        Group group = groups.find(groupId);
        authorizer.require(Operation.MEMBER_READ, group.scope(), groupId);
        return new Page<>(memberships.members(groupId, paging.offset(), paging.size()), paging.page(), paging.size(),
                memberships.countMembers(groupId));
    }

    @Transactional
    public Added add(UUID groupId, AddMember request) {
        Group group = groups.find(groupId);
        authorizer.require(Operation.MEMBER_MANAGE, group.scope(), groupId);
        // A user of another tenant is reported exactly like one that does not exist.
        User user = users.findByUsername(request.username())
                .filter(candidate -> Objects.equals(candidate.tenantId(), group.tenantId()))
                .orElseThrow(() -> QmException.notFound("User", request.username()));
        var existing = memberships.roleOf(groupId, user.id());
        if (existing.isPresent()) {
            if (existing.get() != request.role()) {
                memberships.changeRole(groupId, user.id(), request.role());
            }
        } else {
            memberships.insert(groupId, user.id(), request.role(), clock.instant());
        }
        audit.success(Operation.MEMBER_MANAGE.key(), group.scope(), "membership", groupId + "/" + user.username(),
                existing.map(role -> "role: " + role + " -> " + request.role()).orElse("added as " + request.role()));
        return new Added(memberships.member(groupId, user.id()).orElseThrow(), existing.isEmpty());
    }

    @Transactional
    public void remove(UUID groupId, String userIdOrName) {
        Group group = groups.find(groupId);
        authorizer.require(Operation.MEMBER_MANAGE, group.scope(), groupId);
        User user = findUser(userIdOrName)
                .filter(candidate -> Objects.equals(candidate.tenantId(), group.tenantId()))
                .orElseThrow(() -> QmException.notFound("User", userIdOrName));
        if (!memberships.delete(groupId, user.id())) {
            throw QmException.notFound("Member", user.username() + " of group " + group.name());
        }
        audit.success(Operation.MEMBER_MANAGE.key(), group.scope(), "membership", groupId + "/" + user.username(),
                "removed");
    }

    private java.util.Optional<User> findUser(String userIdOrName) {
        try {
            return users.find(UUID.fromString(userIdOrName));
        } catch (IllegalArgumentException notAnId) {
            return users.findByUsername(userIdOrName);
        }
    }
}
