package io.quartermaster.server.capacity;

import io.quartermaster.api.capacity.Amounts;
import io.quartermaster.api.capacity.HostCapacity;
import io.quartermaster.api.capacity.HostState;
import io.quartermaster.api.capacity.HostView;
import io.quartermaster.server.access.Scope;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A host as stored, with what its reservations take ({@code reserved}) and what is claimed from them. */
record Host(UUID id, UUID tenantId, String name, String hypervisorType, String site, List<String> tags,
        Amounts total, BigDecimal overcommitRatio, Amounts reserved, Amounts claimed, HostState state,
        String stateReason, Instant createdAt, long version) {

    Scope scope() {
        return Scope.tenant(tenantId);
    }

    /** Cpu and memory times the overcommit ratio; disk is never overcommitted. */
    Amounts reservable() {
        return new Amounts(Ratios.apply(total.cpu(), overcommitRatio), Ratios.apply(total.memoryMiB(), overcommitRatio),
                total.diskGiB());
    }

    /** Hosts alert at fixed thresholds: 80% reserved is a warning, 95% critical. */
    HostView view() {
        Amounts reservable = reservable();
        Amounts unreserved = reservable.minus(reserved);
        int percent = Ratios.percentUsed(reserved, reservable);
        boolean full = unreserved.cpu() <= 0 || unreserved.memoryMiB() <= 0 || unreserved.diskGiB() <= 0;
        var capacity = new HostCapacity(reservable, reserved, unreserved, claimed, percent,
                Ratios.alert(percent, 80, 95, full));
        return new HostView(id, tenantId, name, hypervisorType, site, tags, (int) total.cpu(), total.memoryMiB(),
                total.diskGiB(), overcommitRatio, state, stateReason, capacity, createdAt, version);
    }

    static List<String> parseTags(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(","));
    }

    static String joinTags(List<String> tags) {
        return tags == null ? "" : String.join(",", tags.stream().map(String::strip).distinct().sorted().toList());
    }
}
