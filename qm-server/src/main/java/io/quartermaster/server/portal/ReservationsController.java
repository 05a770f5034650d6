package io.quartermaster.server.portal;

import io.quartermaster.server.capacity.ReservationService;
import io.quartermaster.server.platform.web.PageParams;
import io.quartermaster.server.tenancy.GroupDirectory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Reservations with what is used of each, by host or by group: group administrators see their groups',
 * tenant administrators all of the tenant's (the service behind {@code GET /api/v1/reservations} decides).
 */
@Controller
class ReservationsController {

    private final ReservationService reservations;
    private final GroupDirectory groups;
    private final Dashboard dashboard;

    ReservationsController(ReservationService reservations, GroupDirectory groups, Dashboard dashboard) {
        this.reservations = reservations;
        this.groups = groups;
        this.dashboard = dashboard;
    }

    /** A heading and the reservations under it. */
    record Section(String title, UUID hostId, List<Dashboard.ReservationBars> reservations) {}

    @GetMapping("/admin/reservations")
    String list(@RequestParam(required = false) String by, Model model) {
        boolean byGroup = "group".equals(by);
        var found = reservations.list(null, null, new PageParams(0, PageParams.MAX_SIZE));
        Map<UUID, Section> sections = new LinkedHashMap<>();
        Map<UUID, String> groupNames = new HashMap<>();
        for (var reservation : found.items()) {
            UUID key = byGroup ? reservation.groupId() : reservation.hostId();
            String title = byGroup
                    ? groupNames.computeIfAbsent(key, id -> groups.find(id).map(g -> g.name()).orElse("A group"))
                    : reservation.hostName();
            sections.computeIfAbsent(key, k -> new Section(title, byGroup ? null : k, new ArrayList<>()))
                    .reservations().add(dashboard.reservationBars(reservation));
        }
        model.addAttribute("active", "admin");
        model.addAttribute("byGroup", byGroup);
        model.addAttribute("sections", sections.values());
        model.addAttribute("total", found.total());
        model.addAttribute("shown", found.items().size());
        return "portal/admin/reservations";
    }
}
