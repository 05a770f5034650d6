package io.quartermaster.server.capacity;

import io.quartermaster.api.capacity.Amounts;
import io.quartermaster.api.capacity.ReservationUsage;
import io.quartermaster.api.capacity.ReservationView;
import io.quartermaster.server.access.Scope;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A slice of one host for one group, with what is claimed from it. */
record Reservation(UUID id, UUID tenantId, UUID hostId, String hostName, UUID groupId, String name, Amounts size,
        int maxMachines, int priority, BigDecimal overcommitRatio, boolean preemptible, int warningPercent,
        int criticalPercent, Amounts claimed, int claimedMachines, Instant createdAt, long version) {

    /** Where it lives for authorization: its group (tenant administrators cover it through the tenant). */
    Scope scope() {
        return Scope.group(tenantId, groupId);
    }

    /** What may be claimed: cpu and memory times the overcommit ratio, disk as reserved. */
    Amounts limit() {
        return new Amounts(Ratios.apply(size.cpu(), overcommitRatio), Ratios.apply(size.memoryMiB(), overcommitRatio),
                size.diskGiB());
    }

    ReservationUsage usage() {
        Amounts limit = limit();
        Amounts free = limit.minus(claimed);
        int freeMachines = maxMachines - claimedMachines;
        int percent = Math.max(Ratios.percentUsed(claimed, limit), Ratios.percent(claimedMachines, maxMachines));
        // Every machine needs some cpu, memory and disk: with any of them (or the slots) used up, nothing fits.
        boolean full = freeMachines <= 0 || free.cpu() <= 0 || free.memoryMiB() <= 0 || free.diskGiB() <= 0;
        return new ReservationUsage(limit, maxMachines, claimed, claimedMachines, free, freeMachines, percent,
                Ratios.alert(percent, warningPercent, criticalPercent, full));
    }

    ReservationView view() {
        return new ReservationView(id, tenantId, hostId, hostName, groupId, name, (int) size.cpu(), size.memoryMiB(),
                size.diskGiB(), maxMachines, priority, overcommitRatio, preemptible, warningPercent, criticalPercent,
                usage(), createdAt, version);
    }
}
