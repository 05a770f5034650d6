package io.quartermaster.server.tenancy;

import io.quartermaster.api.tenancy.GroupRole;
import io.quartermaster.server.audit.AuditService;
import java.time.Clock;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates tenants, groups, users and memberships on behalf of the system itself (the first
 * administrator, dev-mode demo data), without a caller to authorize. Every method does nothing when
 * what it would create exists already, so a restart changes nothing; each creation is audited as
 * done by "system".
 */
@Service
public class TenancySeeder {

    private final TenantRepository tenants;
    private final GroupRepository groups;
    private final UserRepository users;
    private final MembershipRepository memberships;
    private final PasswordEncoder passwords;
    private final AuditService audit;
    private final Clock clock;

    TenancySeeder(TenantRepository tenants, GroupRepository groups, UserRepository users,
            MembershipRepository memberships, PasswordEncoder passwords, AuditService audit, Clock clock) {
        this.tenants = tenants;
        this.groups = groups;
        this.users = users;
        this.memberships = memberships;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public UUID tenant(String name, String displayName) {
        return tenants.findByName(name).map(Tenant::id).orElseGet(() -> {
            Tenant tenant = new Tenant(UUID.randomUUID(), name, displayName, clock.instant(), 0);
            tenants.insert(tenant);
            audit.system("tenant.create", tenant.scope(), "tenant", tenant.id(), "name=" + name);
            return tenant.id();
        });
    }

    @Transactional
    public UUID group(UUID tenantId, String name, String description) {
        return groups.findByName(tenantId, name).map(Group::id).orElseGet(() -> {
            Group group = new Group(UUID.randomUUID(), tenantId, name, description,
                    io.quartermaster.api.tenancy.PlacementPolicy.SPREAD, java.util.List.of(), 0, clock.instant(), 0);
            groups.insert(group);
            audit.system("group.create", group.scope(), "group", group.id(), "name=" + name);
            return group.id();
        });
    }

    /** A local user; {@code tenantId} null makes a system administrator. Returns true when created. */
    @Transactional
    public boolean user(UUID tenantId, String username, String displayName, String email, String password,
            boolean tenantAdmin) {
        if (users.findByUsername(username).isPresent()) {
            return false;
        }
        User user = new User(UUID.randomUUID(), tenantId, username, displayName, email, passwords.encode(password),
                true, tenantAdmin, tenantId == null, clock.instant(), 0);
        users.insert(user);
        audit.system("user.create", user.scope(), "user", user.id(), "username=" + username
                + (user.systemAdmin() ? ", systemAdmin" : "") + (tenantAdmin ? ", tenantAdmin" : ""));
        return true;
    }

    @Transactional
    public void member(UUID groupId, String username, GroupRole role) {
        User user = users.findByUsername(username).orElseThrow();
        if (memberships.roleOf(groupId, user.id()).isEmpty()) {
            memberships.insert(groupId, user.id(), role, clock.instant());
            Group group = groups.find(groupId).orElseThrow();
            audit.system("member.manage", group.scope(), "membership", groupId + "/" + username, "added as " + role);
        }
    }

    @Transactional(readOnly = true)
    public boolean hasUser(String username) {
        return users.findByUsername(username).isPresent();
    }
}
