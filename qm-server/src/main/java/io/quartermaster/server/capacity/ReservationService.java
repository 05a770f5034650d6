package io.quartermaster.server.capacity;

import io.quartermaster.api.Page;
import io.quartermaster.api.capacity.Amounts;
import io.quartermaster.api.capacity.CreateReservation;
import io.quartermaster.api.capacity.ReservationView;
import io.quartermaster.api.capacity.UpdateReservation;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.access.Visibility;
import io.quartermaster.server.audit.AuditService;
import io.quartermaster.server.platform.errors.FieldValidationException;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.platform.errors.Versions;
import io.quartermaster.server.platform.web.PageParams;
import io.quartermaster.server.tenancy.GroupDirectory;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reservations: slices of a host for a group. The slices on a host never add up to more than the host
 * (times its overcommit ratio), and a slice never shrinks below what is claimed from it; the database
 * checks both, and the messages say by how much a change is off.
 */
@Service
public class ReservationService {

    private final ReservationRepository reservations;
    private final HostRepository hosts;
    private final GroupDirectory groups;
    private final Authorizer authorizer;
    private final AuditService audit;
    private final Clock clock;

    ReservationService(ReservationRepository reservations, HostRepository hosts, GroupDirectory groups,
            Authorizer authorizer, AuditService audit, Clock clock) {
        this.reservations = reservations;
        this.hosts = hosts;
        this.groups = groups;
        this.authorizer = authorizer;
        this.audit = audit;
        this.clock = clock;
    }

    /** The reservations the caller may read, optionally of one host or group. */
    @Transactional(readOnly = true)
    public Page<ReservationView> list(UUID hostId, UUID groupId, PageParams paging) {
        Visibility visible = authorizer.visibility(Operation.RESERVATION_READ);
        if (visible.nothing()) {
            throw QmException.forbidden("Only administrators may list reservations.");
        }
        var filter = new ReservationRepository.Filter(visible, hostId, groupId);
        return new Page<>(reservations.page(filter, paging.offset(), paging.size()).stream().map(Reservation::view)
                .toList(), paging.page(), paging.size(), reservations.count(filter));
    }

    @Transactional(readOnly = true)
    public ReservationView get(UUID id) {
        Reservation reservation = find(id);
        authorizer.require(Operation.RESERVATION_READ, reservation.scope(), id);
        return reservation.view();
    }

    @Transactional
    public ReservationView create(UUID hostId, CreateReservation request) {
        Host found = hosts.find(hostId).orElseThrow(() -> QmException.notFound("Host", hostId));
        authorizer.require(Operation.RESERVATION_MANAGE, found.scope(), "Host", hostId);
        Host host = hosts.lock(hostId).orElseThrow();
        var group = groups.find(request.groupId())
                .filter(g -> g.tenantId().equals(host.tenantId()))
                .orElseThrow(() -> new FieldValidationException("groupId",
                        "no group " + request.groupId() + " in this host's tenant"));
        if (reservations.exists(hostId, group.id())) {
            throw QmException.alreadyExists("Group '" + group.name() + "' already has a reservation on host '"
                    + host.name() + "'; change that one instead.");
        }
        String name = request.name().strip();
        if (reservations.nameTaken(host.tenantId(), name)) {
            throw QmException.alreadyExists("This tenant already has a reservation named '" + name + "'.");
        }
        Amounts size = new Amounts(request.cpu(), request.memoryMiB(), request.diskGiB());
        int warning = request.warningPercent() == null ? 80 : request.warningPercent();
        int critical = request.criticalPercent() == null ? Math.max(95, warning) : request.criticalPercent();
        checkAlerts(warning, critical);
        Reservation reservation = new Reservation(UUID.randomUUID(), host.tenantId(), hostId, host.name(), group.id(),
                name, size, request.maxMachines(), request.priority() == null ? 100 : request.priority(),
                request.overcommitRatio() == null ? BigDecimal.ONE : request.overcommitRatio().stripTrailingZeros(),
                Boolean.TRUE.equals(request.preemptible()), warning, critical, Amounts.ZERO, 0, clock.instant(), 0);
        reserveOnHost(host, size);
        reservations.insert(reservation);
        audit.success(Operation.RESERVATION_MANAGE.key(), reservation.scope(), "reservation", reservation.id(),
                "created '" + name + "' on " + host.name() + " for " + group.name() + ": " + size + ", "
                        + reservation.maxMachines() + " machines");
        return find(reservation.id()).view();
    }

    @Transactional
    public ReservationView update(UUID id, UpdateReservation request) {
        Reservation current = find(id);
        authorizer.require(Operation.RESERVATION_MANAGE, current.scope(), id);
        Host host = hosts.lock(current.hostId()).orElseThrow();
        Reservation old = reservations.lock(id).orElseThrow(() -> QmException.notFound("Reservation", id));
        Versions.expect(request.version(), old.version(), "Reservation", id);
        String name = request.name() == null ? old.name() : request.name().strip();
        if (!name.equals(old.name()) && reservations.nameTaken(old.tenantId(), name)) {
            throw QmException.alreadyExists("This tenant already has a reservation named '" + name + "'.");
        }
        Amounts size = new Amounts(
                request.cpu() == null ? old.size().cpu() : request.cpu(),
                request.memoryMiB() == null ? old.size().memoryMiB() : request.memoryMiB(),
                request.diskGiB() == null ? old.size().diskGiB() : request.diskGiB());
        int warning = request.warningPercent() == null ? old.warningPercent() : request.warningPercent();
        int critical = request.criticalPercent() == null ? old.criticalPercent() : request.criticalPercent();
        checkAlerts(warning, critical);
        Reservation changed = new Reservation(id, old.tenantId(), old.hostId(), old.hostName(), old.groupId(), name, size,
                request.maxMachines() == null ? old.maxMachines() : request.maxMachines(),
                request.priority() == null ? old.priority() : request.priority(),
                request.overcommitRatio() == null ? old.overcommitRatio() : request.overcommitRatio().stripTrailingZeros(),
                request.preemptible() == null ? old.preemptible() : request.preemptible(), warning, critical,
                old.claimed(), old.claimedMachines(), old.createdAt(), old.version());
        Amounts short_ = old.claimed().minus(changed.limit());
        if (short_.cpu() > 0 || short_.memoryMiB() > 0 || short_.diskGiB() > 0
                || changed.maxMachines() < old.claimedMachines()) {
            throw QmException.conflict("Reservation '" + old.name() + "' has " + old.claimed() + " and "
                    + old.claimedMachines() + " machine(s) claimed; it cannot shrink below that (short by "
                    + HostService.positive(short_) + ", " + Math.max(0, old.claimedMachines() - changed.maxMachines())
                    + " machine(s)). Release claims first.");
        }
        reserveOnHost(host, size.minus(old.size()));
        Versions.applied(reservations.update(changed, old.version()), "Reservation", id);
        audit.success(Operation.RESERVATION_MANAGE.key(), old.scope(), "reservation", id, "updated '" + name + "': "
                + old.size() + " -> " + size);
        return find(id).view();
    }

    @Transactional
    public void delete(UUID id) {
        Reservation current = find(id);
        authorizer.require(Operation.RESERVATION_MANAGE, current.scope(), id);
        Host host = hosts.lock(current.hostId()).orElseThrow();
        Reservation old = reservations.lock(id).orElseThrow(() -> QmException.notFound("Reservation", id));
        if (old.claimedMachines() > 0) {
            throw QmException.conflict("Reservation '" + old.name() + "' still holds " + old.claimedMachines()
                    + " machine(s); release their claims first.");
        }
        Versions.applied(reservations.delete(id, old.version()), "Reservation", id);
        reserveOnHost(host, Amounts.ZERO.minus(old.size()));
        audit.success(Operation.RESERVATION_MANAGE.key(), old.scope(), "reservation", id, "deleted '" + old.name() + "'");
    }

    Reservation find(UUID id) {
        return reservations.find(id).orElseThrow(() -> QmException.notFound("Reservation", id));
    }

    /** Moves the host's reserved counters by {@code delta}, or explains by how much the host is exceeded. */
    private void reserveOnHost(Host host, Amounts delta) {
        if (!hosts.reserve(host.id(), delta)) {
            Amounts over = HostService.positive(host.reserved().plus(delta).minus(host.reservable()));
            throw QmException.conflict("Reservations on host '" + host.name() + "' would exceed it by " + over
                    + " (it can hold " + host.reservable() + ", " + host.reserved() + " already reserved)."
                    + (host.overcommitRatio().compareTo(BigDecimal.ONE) == 0
                            ? " Set an overcommit ratio on the host to allow more cpu and memory." : ""));
        }
    }

    private static void checkAlerts(int warning, int critical) {
        if (warning > critical) {
            throw new FieldValidationException("warningPercent", "must not be above criticalPercent (" + critical + ")");
        }
    }
}
