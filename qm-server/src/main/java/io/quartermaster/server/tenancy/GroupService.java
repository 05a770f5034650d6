package io.quartermaster.server.tenancy;

import io.quartermaster.api.Page;
import io.quartermaster.api.machines.MachineActions;
import io.quartermaster.api.tenancy.CreateGroup;
import io.quartermaster.api.tenancy.GroupView;
import io.quartermaster.api.tenancy.PlacementPolicy;
import io.quartermaster.api.tenancy.UpdateGroup;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Caller;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.access.Visibility;
import io.quartermaster.server.audit.AuditService;
import io.quartermaster.server.platform.errors.FieldValidationException;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.platform.errors.Versions;
import io.quartermaster.server.platform.web.PageParams;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class GroupService {

    private final GroupRepository groups;
    private final TenantRepository tenants;
    private final MembershipRepository memberships;
    private final Authorizer authorizer;
    private final AuditService audit;
    private final List<TenancyUsage> usages;
    private final GroupDirectory directory;
    private final Clock clock;

    GroupService(GroupRepository groups, TenantRepository tenants, MembershipRepository memberships,
            Authorizer authorizer, AuditService audit, List<TenancyUsage> usages, GroupDirectory directory, Clock clock) {
        this.groups = groups;
        this.tenants = tenants;
        this.memberships = memberships;
        this.authorizer = authorizer;
        this.audit = audit;
        this.usages = usages;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * The groups the caller may read: every group for system administrators, a tenant's groups for its
     * administrators, and the groups a user belongs to.
     */
    @Transactional(readOnly = true)
    public Page<GroupView> list(UUID tenantFilter, PageParams paging) {
        Visibility visible = authorizer.visibility(Operation.GROUP_READ);
        List<GroupView> items = groups.page(visible, tenantFilter, paging.offset(), paging.size())
                .stream().map(Group::view).toList();
        return new Page<>(items, paging.page(), paging.size(), groups.count(visible, tenantFilter));
    }

    @Transactional(readOnly = true)
    public GroupView get(UUID id) {
        Group group = find(id);
        authorizer.require(Operation.GROUP_READ, group.scope(), id);
        return group.view();
    }

    @Transactional
    public GroupView create(CreateGroup request) {
        Caller caller = authorizer.caller();
        UUID tenantId = request.tenantId() != null ? request.tenantId() : caller.tenantId();
        if (tenantId == null) {
            throw new FieldValidationException("tenantId", "is required: name the tenant the group belongs to");
        }
        Tenant tenant = tenants.find(tenantId).orElseThrow(() -> QmException.notFound("Tenant", tenantId));
        authorizer.require(Operation.GROUP_CREATE, tenant.scope(), "Tenant", tenantId);
        String name = request.name().strip();
        if (groups.findByName(tenantId, name).isPresent()) {
            throw QmException.alreadyExists("Tenant '" + tenant.name() + "' already has a group named '" + name + "'.");
        }
        Group group = new Group(UUID.randomUUID(), tenantId, name,
                request.description() == null ? "" : request.description().strip(),
                request.placementPolicy() == null ? PlacementPolicy.SPREAD : request.placementPolicy(),
                forbiddable(request.forbiddenActions(), List.of()), 0, clock.instant(), 0);
        groups.insert(group);
        audit.success(Operation.GROUP_CREATE.key(), group.scope(), "group", group.id(), "name=" + name);
        return group.view();
    }

    @Transactional
    public GroupView update(UUID id, UpdateGroup request) {
        Group group = find(id);
        authorizer.require(Operation.GROUP_UPDATE, group.scope(), id);
        Versions.expect(request.version(), group.version(), "Group", id);
        String name = request.name() == null ? group.name() : request.name().strip();
        if (!name.equals(group.name()) && groups.findByName(group.tenantId(), name).isPresent()) {
            throw QmException.alreadyExists("This tenant already has a group named '" + name + "'.");
        }
        String description = request.description() == null ? group.description() : request.description().strip();
        PlacementPolicy policy = request.placementPolicy() == null ? group.placementPolicy() : request.placementPolicy();
        List<String> forbidden = forbiddable(request.forbiddenActions(), group.forbiddenActions());
        Versions.applied(groups.update(id, name, description, policy, forbidden, group.version()), "Group", id);
        directory.changed(id);
        audit.success(Operation.GROUP_UPDATE.key(), group.scope(), "group", id,
                changes("name", group.name(), name) + changes("description", group.description(), description)
                        + changes("placementPolicy", group.placementPolicy().name(), policy.name())
                        + changes("forbiddenActions", String.join(" ", group.forbiddenActions()), String.join(" ", forbidden)));
        return find(id).view();
    }

    @Transactional
    public void delete(UUID id) {
        Group group = find(id);
        authorizer.require(Operation.GROUP_DELETE, group.scope(), id);
        List<String> uses = new java.util.ArrayList<>();
        long members = memberships.countMembers(id);
        if (members > 0) {
            uses.add(members + " member(s)");
        }
        usages.forEach(usage -> uses.addAll(usage.usesOfGroup(id)));
        if (!uses.isEmpty()) {
            throw QmException.conflict("Group '" + group.name() + "' still has " + String.join(", ", uses)
                    + "; remove them first.");
        }
        Versions.applied(groups.delete(id, group.version()), "Group", id);
        audit.success(Operation.GROUP_DELETE.key(), group.scope(), "group", id, "name=" + group.name());
    }

    Group find(UUID id) {
        return groups.find(id).orElseThrow(() -> QmException.notFound("Group", id));
    }

    /** The action keys a group may forbid, checked and in the order actions are listed; null keeps {@code current}. */
    private static List<String> forbiddable(java.util.Set<String> wanted, List<String> current) {
        if (wanted == null) {
            return current;
        }
        List<String> unknown = wanted.stream().filter(key -> !MachineActions.FORBIDDABLE.contains(key)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new FieldValidationException("forbiddenActions", "has unknown action(s) " + unknown
                    + "; a group may forbid: " + String.join(", ", MachineActions.FORBIDDABLE));
        }
        return MachineActions.FORBIDDABLE.stream().filter(wanted::contains).toList();
    }

    private static String changes(String field, String before, String after) {
        return before.equals(after) ? "" : field + ": '" + before + "' -> '" + after + "'; ";
    }
}
