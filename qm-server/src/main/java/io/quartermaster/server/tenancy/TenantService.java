package io.quartermaster.server.tenancy;

import io.quartermaster.api.Page;
import io.quartermaster.api.tenancy.CreateTenant;
import io.quartermaster.api.tenancy.TenantView;
import io.quartermaster.api.tenancy.UpdateTenant;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Caller;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.access.Scope;
import io.quartermaster.server.audit.AuditService;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.platform.errors.Versions;
import io.quartermaster.server.platform.web.PageParams;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class TenantService {

    private final TenantRepository tenants;
    private final GroupRepository groups;
    private final UserRepository users;
    private final Authorizer authorizer;
    private final AuditService audit;
    private final List<TenancyUsage> usages;
    private final Clock clock;

    TenantService(TenantRepository tenants, GroupRepository groups, UserRepository users, Authorizer authorizer,
            AuditService audit, List<TenancyUsage> usages, Clock clock) {
        this.tenants = tenants;
        this.groups = groups;
        this.users = users;
        this.authorizer = authorizer;
        this.audit = audit;
        this.usages = usages;
        this.clock = clock;
    }

    /** Every tenant for system administrators; everyone else sees their own tenant only. */
    @Transactional(readOnly = true)
    public Page<TenantView> list(PageParams paging) {
        Caller caller = authorizer.caller();
        if (caller.isSystemAdmin()) {
            return new Page<>(tenants.page(paging.offset(), paging.size()).stream().map(Tenant::view).toList(),
                    paging.page(), paging.size(), tenants.count());
        }
        List<TenantView> own = caller.tenantId() == null || paging.page() > 0 ? List.of()
                : tenants.find(caller.tenantId()).map(Tenant::view).stream().toList();
        return new Page<>(own, paging.page(), paging.size(), caller.tenantId() == null ? 0 : 1);
    }

    /** Whether the tenant exists; no authorization (callers check what they do with it). */
    @Transactional(readOnly = true)
    public boolean exists(UUID id) {
        return tenants.find(id).isPresent();
    }

    @Transactional(readOnly = true)
    public TenantView get(UUID id) {
        Tenant tenant = tenants.find(id).orElseThrow(() -> QmException.notFound("Tenant", id));
        if (!id.equals(authorizer.caller().tenantId())) {
            authorizer.require(Operation.TENANT_READ, tenant.scope(), id);
        }
        return tenant.view();
    }

    @Transactional
    public TenantView create(CreateTenant request) {
        authorizer.require(Operation.TENANT_CREATE, Scope.system(), request.name());
        if (tenants.findByName(request.name()).isPresent()) {
            throw QmException.alreadyExists("A tenant named '" + request.name() + "' already exists.");
        }
        String displayName = request.displayName() == null || request.displayName().isBlank()
                ? request.name() : request.displayName().strip();
        Tenant tenant = new Tenant(UUID.randomUUID(), request.name(), displayName, clock.instant(), 0);
        tenants.insert(tenant);
        audit.success(Operation.TENANT_CREATE.key(), tenant.scope(), "tenant", tenant.id(), "name=" + tenant.name());
        return tenant.view();
    }

    @Transactional
    public TenantView update(UUID id, UpdateTenant request) {
        Tenant tenant = tenants.find(id).orElseThrow(() -> QmException.notFound("Tenant", id));
        authorizer.require(Operation.TENANT_UPDATE, tenant.scope(), id);
        Versions.expect(request.version(), tenant.version(), "Tenant", id);
        String displayName = request.displayName() == null ? tenant.displayName() : request.displayName().strip();
        Versions.applied(tenants.update(id, displayName, tenant.version()), "Tenant", id);
        audit.success(Operation.TENANT_UPDATE.key(), tenant.scope(), "tenant", id,
                "displayName: '" + tenant.displayName() + "' -> '" + displayName + "'");
        return tenants.find(id).orElseThrow().view();
    }

    @Transactional
    public void delete(UUID id) {
        Tenant tenant = tenants.find(id).orElseThrow(() -> QmException.notFound("Tenant", id));
        authorizer.require(Operation.TENANT_DELETE, tenant.scope(), id);
        List<String> uses = new java.util.ArrayList<>();
        long groupCount = groups.countInTenant(id);
        if (groupCount > 0) {
            uses.add(groupCount + " group(s)");
        }
        long userCount = users.count(id);
        if (userCount > 0) {
            uses.add(userCount + " user(s)");
        }
        usages.forEach(usage -> uses.addAll(usage.usesOfTenant(id)));
        if (!uses.isEmpty()) {
            throw QmException.conflict("Tenant '" + tenant.name() + "' still has " + String.join(", ", uses)
                    + "; delete them first.");
        }
        Versions.applied(tenants.delete(id, tenant.version()), "Tenant", id);
        audit.success(Operation.TENANT_DELETE.key(), tenant.scope(), "tenant", id, "name=" + tenant.name());
    }
}
