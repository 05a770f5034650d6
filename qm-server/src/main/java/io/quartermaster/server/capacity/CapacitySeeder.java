package io.quartermaster.server.capacity;

import io.quartermaster.api.capacity.Amounts;
import io.quartermaster.api.capacity.HostState;
import io.quartermaster.server.access.Visibility;
import io.quartermaster.server.audit.AuditService;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hosts and reservations created by the system itself (dev-mode demo data). Idempotent by name, so a
 * restart changes nothing; audited as done by "system".
 */
@Service
public class CapacitySeeder {

    private static final Visibility EVERYTHING = new Visibility(true, List.of(), List.of());

    private final HostRepository hosts;
    private final ReservationRepository reservations;
    private final AuditService audit;
    private final Clock clock;

    CapacitySeeder(HostRepository hosts, ReservationRepository reservations, AuditService audit, Clock clock) {
        this.hosts = hosts;
        this.reservations = reservations;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public UUID host(UUID tenantId, String name, String hypervisorType, String site, List<String> tags, Amounts total) {
        return hosts.findByName(tenantId, name).map(Host::id).orElseGet(() -> {
            Host host = new Host(UUID.randomUUID(), tenantId, name, hypervisorType, site, tags, total, BigDecimal.ONE,
                    Amounts.ZERO, Amounts.ZERO, HostState.ENABLED, null, clock.instant(), 0);
            hosts.insert(host);
            audit.system("host.manage", host.scope(), "host", host.id(), "registered " + name);
            return host.id();
        });
    }

    @Transactional
    public UUID reservation(UUID hostId, UUID groupId, String name, Amounts size, int maxMachines, int priority) {
        Host host = hosts.lock(hostId).orElseThrow();
        return reservations.page(new ReservationRepository.Filter(EVERYTHING, hostId, groupId), 0, 1).stream()
                .findFirst().map(Reservation::id).orElseGet(() -> {
                    Reservation reservation = new Reservation(UUID.randomUUID(), host.tenantId(), hostId, host.name(),
                            groupId, name, size, maxMachines, priority, BigDecimal.ONE, false, 80, 95, Amounts.ZERO, 0,
                            clock.instant(), 0);
                    if (!hosts.reserve(hostId, size)) {
                        throw new IllegalStateException("Demo reservation " + name + " does not fit host " + host.name());
                    }
                    reservations.insert(reservation);
                    audit.system("reservation.manage", reservation.scope(), "reservation", reservation.id(),
                            "created " + name);
                    return reservation.id();
                });
    }
}
