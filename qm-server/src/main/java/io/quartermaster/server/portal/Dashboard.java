package io.quartermaster.server.portal;

import io.quartermaster.api.capacity.Amounts;
import io.quartermaster.api.capacity.HostView;
import io.quartermaster.api.capacity.ReservationView;
import io.quartermaster.server.capacity.HostService;
import io.quartermaster.server.capacity.ReservationService;
import io.quartermaster.server.machines.MachineService;
import io.quartermaster.server.machines.MachineSummary;
import io.quartermaster.server.platform.web.PageParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The administrators' dashboard, drawn rather than tabled: machines by state, leases ending in the next
 * 7 and 30 days, and for each host and reservation the person may see, how much is used. Reads through
 * the same services as the API, so each administrator sees their own part of the estate.
 */
@Component
class Dashboard {

    /** More hosts or reservations than this are summed up on their own pages, not drawn here. */
    static final int MOST_DRAWN = 100;

    private final MachineService machines;
    private final HostService hosts;
    private final ReservationService reservations;
    private final PortalFormat format;

    Dashboard(MachineService machines, HostService hosts, ReservationService reservations, PortalFormat format) {
        this.machines = machines;
        this.hosts = hosts;
        this.reservations = reservations;
        this.format = format;
    }

    record Picture(MachineSummary summary, List<Bar> states, List<HostBars> hosts, long hostsTotal,
            List<ReservationBars> reservations, long reservationsTotal) {}

    /** A host: what its reservations take of it and what machines use, per resource. */
    record HostBars(HostView host, List<Bar> reserved, List<Bar> claimed) {}

    /** A reservation: what is used of it, per resource and machine slots. */
    record ReservationBars(ReservationView reservation, List<Bar> used) {}

    Picture draw(AdminAreas areas) {
        MachineSummary summary = machines.summary();
        long most = summary.byState().values().stream().mapToLong(Long::longValue).max().orElse(0);
        List<Bar> states = summary.byState().entrySet().stream()
                .map(e -> new Bar(e.getKey().name(), e.getValue(), most, "state-" + e.getKey().name(),
                        format.machines(e.getValue())))
                .toList();
        var hostPage = areas.hosts() ? hosts.list(null, new PageParams(0, MOST_DRAWN)) : null;
        var reservationPage = areas.reservations() ? reservations.list(null, null, new PageParams(0, MOST_DRAWN)) : null;
        return new Picture(summary, states,
                hostPage == null ? List.of() : hostPage.items().stream().map(this::hostBars).toList(),
                hostPage == null ? 0 : hostPage.total(),
                reservationPage == null ? List.of() : reservationPage.items().stream().map(this::reservationBars).toList(),
                reservationPage == null ? 0 : reservationPage.total());
    }

    HostBars hostBars(HostView host) {
        Amounts of = host.capacity().reservable();
        String level = level(host.capacity().alert().name());
        return new HostBars(host, amounts(host.capacity().reserved(), of, level),
                amounts(host.capacity().claimed(), of, "claimed"));
    }

    ReservationBars reservationBars(ReservationView reservation) {
        var usage = reservation.usage();
        String level = level(usage.alert().name());
        List<Bar> used = new ArrayList<>(amounts(usage.claimed(), usage.limit(), level));
        used.add(Bar.of("Machines", usage.claimedMachines(), usage.maxMachines(), level, ""));
        return new ReservationBars(reservation, used);
    }

    private List<Bar> amounts(Amounts used, Amounts of, String level) {
        return List.of(Bar.of("CPU", used.cpu(), of.cpu(), level, "vCPU"),
                new Bar("Memory", used.memoryMiB(), of.memoryMiB(), level,
                        format.memory(used.memoryMiB()) + " of " + format.memory(of.memoryMiB())),
                Bar.of("Disk", used.diskGiB(), of.diskGiB(), level, "GiB"));
    }

    private static String level(String alert) {
        return alert.toLowerCase(Locale.ROOT);
    }
}
