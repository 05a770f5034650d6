package io.quartermaster.server.capacity;

import io.quartermaster.api.Page;
import io.quartermaster.api.capacity.Amounts;
import io.quartermaster.api.capacity.ChangeHostState;
import io.quartermaster.api.capacity.CreateHost;
import io.quartermaster.api.capacity.HostState;
import io.quartermaster.api.capacity.HostView;
import io.quartermaster.api.capacity.UpdateHost;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Caller;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.access.Scope;
import io.quartermaster.server.audit.AuditService;
import io.quartermaster.server.platform.errors.FieldValidationException;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.platform.errors.Versions;
import io.quartermaster.server.platform.web.PageParams;
import io.quartermaster.server.tenancy.TenantService;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Hosts of a tenant: registered, changed and taken in and out of service by its administrators. */
@Service
public class HostService {

    private final HostRepository hosts;
    private final ReservationRepository reservations;
    private final TenantService tenants;
    private final Authorizer authorizer;
    private final AuditService audit;
    private final Clock clock;

    HostService(HostRepository hosts, ReservationRepository reservations, TenantService tenants, Authorizer authorizer,
            AuditService audit, Clock clock) {
        this.hosts = hosts;
        this.reservations = reservations;
        this.tenants = tenants;
        this.authorizer = authorizer;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page<HostView> list(UUID tenantFilter, PageParams paging) {
        Caller caller = authorizer.caller();
        UUID tenantId = tenantFilter;
        if (!caller.isSystemAdmin()) {
            tenantId = tenantFilter != null ? tenantFilter : caller.tenantId();
            if (tenantId == null) {
                throw QmException.forbidden("Only administrators may list hosts.");
            }
            authorizer.require(Operation.HOST_READ, Scope.tenant(tenantId), "Tenant", tenantId);
        }
        return new Page<>(hosts.page(tenantId, paging.offset(), paging.size()).stream().map(Host::view).toList(),
                paging.page(), paging.size(), hosts.count(tenantId));
    }

    @Transactional(readOnly = true)
    public HostView get(UUID id) {
        Host host = find(id);
        authorizer.require(Operation.HOST_READ, host.scope(), id);
        return host.view();
    }

    @Transactional
    public HostView create(CreateHost request) {
        UUID tenantId = request.tenantId() != null ? request.tenantId() : authorizer.caller().tenantId();
        if (tenantId == null) {
            throw new FieldValidationException("tenantId", "is required: name the tenant the host belongs to");
        }
        if (!tenants.exists(tenantId)) {
            throw QmException.notFound("Tenant", tenantId);
        }
        authorizer.require(Operation.HOST_MANAGE, Scope.tenant(tenantId), "Tenant", tenantId);
        String name = request.name().strip();
        if (hosts.findByName(tenantId, name).isPresent()) {
            throw QmException.alreadyExists("This tenant already has a host named '" + name + "'.");
        }
        Host host = new Host(UUID.randomUUID(), tenantId, name, request.hypervisorType(), trim(request.site()),
                tags(request.tags()), new Amounts(request.totalCpu(), request.totalMemoryMiB(), request.totalDiskGiB()),
                ratio(request.overcommitRatio()), Amounts.ZERO, Amounts.ZERO, HostState.ENABLED, null, clock.instant(), 0);
        hosts.insert(host);
        audit.success(Operation.HOST_MANAGE.key(), host.scope(), "host", host.id(), "registered " + name + " ("
                + host.hypervisorType() + ", " + host.total() + ")");
        return find(host.id()).view();
    }

    /** Changes a host; it cannot shrink below what its reservations take. */
    @Transactional
    public HostView update(UUID id, UpdateHost request) {
        Host host = lockAndRequire(id);
        Versions.expect(request.version(), host.version(), "Host", id);
        String name = request.name() == null ? host.name() : request.name().strip();
        if (!name.equals(host.name()) && hosts.findByName(host.tenantId(), name).isPresent()) {
            throw QmException.alreadyExists("This tenant already has a host named '" + name + "'.");
        }
        Amounts total = new Amounts(
                request.totalCpu() == null ? host.total().cpu() : request.totalCpu(),
                request.totalMemoryMiB() == null ? host.total().memoryMiB() : request.totalMemoryMiB(),
                request.totalDiskGiB() == null ? host.total().diskGiB() : request.totalDiskGiB());
        BigDecimal ratio = request.overcommitRatio() == null ? host.overcommitRatio() : ratio(request.overcommitRatio());
        Host changed = new Host(id, host.tenantId(), name, host.hypervisorType(),
                request.site() == null ? host.site() : trim(request.site()),
                request.tags() == null ? host.tags() : tags(request.tags()), total, ratio, host.reserved(), host.claimed(),
                host.state(), host.stateReason(), host.createdAt(), host.version());
        Amounts over = host.reserved().minus(changed.reservable());
        if (over.cpu() > 0 || over.memoryMiB() > 0 || over.diskGiB() > 0) {
            throw QmException.conflict("Host '" + host.name() + "' has " + host.reserved() + " reserved; it cannot shrink to "
                    + changed.reservable() + " (short by " + positive(over) + "). Shrink or move reservations first.");
        }
        Versions.applied(hosts.update(changed, host.version()), "Host", id);
        audit.success(Operation.HOST_MANAGE.key(), host.scope(), "host", id, "updated: " + changed.total() + ", ratio "
                + ratio.toPlainString());
        return find(id).view();
    }

    /** Enables a host or takes it out of placement (maintenance, disabled); machines on it stay. */
    @Transactional
    public HostView changeState(UUID id, ChangeHostState request) {
        Host host = lockAndRequire(id);
        String reason = request.state() == HostState.ENABLED ? null : trim(request.reason());
        Host changed = new Host(id, host.tenantId(), host.name(), host.hypervisorType(), host.site(), host.tags(),
                host.total(), host.overcommitRatio(), host.reserved(), host.claimed(), request.state(), reason,
                host.createdAt(), host.version());
        Versions.applied(hosts.update(changed, host.version()), "Host", id);
        audit.success(Operation.HOST_MANAGE.key(), host.scope(), "host", id, "state: " + host.state() + " -> "
                + request.state() + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")"));
        return find(id).view();
    }

    @Transactional
    public void delete(UUID id) {
        Host host = lockAndRequire(id);
        long count = reservations.countOnHost(id);
        if (count > 0) {
            throw QmException.conflict("Host '" + host.name() + "' still has " + count
                    + " reservation(s); delete them first.");
        }
        Versions.applied(hosts.delete(id, host.version()), "Host", id);
        audit.success(Operation.HOST_MANAGE.key(), host.scope(), "host", id, "deleted " + host.name());
    }

    Host find(UUID id) {
        return hosts.find(id).orElseThrow(() -> QmException.notFound("Host", id));
    }

    private Host lockAndRequire(UUID id) {
        Host host = find(id);
        authorizer.require(Operation.HOST_MANAGE, host.scope(), id);
        return hosts.lock(id).orElseThrow(() -> QmException.notFound("Host", id));
    }

    static Amounts positive(Amounts amounts) {
        return new Amounts(Math.max(0, amounts.cpu()), Math.max(0, amounts.memoryMiB()), Math.max(0, amounts.diskGiB()));
    }

    private static BigDecimal ratio(BigDecimal ratio) {
        return ratio == null ? BigDecimal.ONE : ratio.stripTrailingZeros();
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }

    private static List<String> tags(List<String> tags) {
        return tags == null ? List.of() : tags.stream().map(String::strip).distinct().sorted().toList();
    }
}
