package io.quartermaster.server.portal;

import io.quartermaster.api.capacity.ChangeHostState;
import io.quartermaster.api.capacity.CreateHost;
import io.quartermaster.api.capacity.CreateReservation;
import io.quartermaster.api.capacity.HostState;
import io.quartermaster.api.capacity.HostView;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.agents.AgentAdminService;
import io.quartermaster.server.capacity.HostService;
import io.quartermaster.server.capacity.ReservationService;
import io.quartermaster.server.platform.web.PageParams;
import io.quartermaster.server.tenancy.GroupService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Hosts for tenant administrators: the list with how much of each is reserved and used, adding a host, and
 * a host's page where its state changes (maintenance takes no new machines) and reservations are added.
 * Everything goes through the services behind {@code /api/v1/hosts}.
 */
@Controller
class HostsController {

    private final HostService hosts;
    private final ReservationService reservations;
    private final GroupService groups;
    private final AgentAdminService agents;
    private final Dashboard dashboard;
    private final Authorizer authorizer;
    private final AdminForms forms;

    HostsController(HostService hosts, ReservationService reservations, GroupService groups, AgentAdminService agents,
            Dashboard dashboard, Authorizer authorizer, AdminForms forms) {
        this.hosts = hosts;
        this.reservations = reservations;
        this.groups = groups;
        this.agents = agents;
        this.dashboard = dashboard;
        this.authorizer = authorizer;
        this.forms = forms;
    }

    @GetMapping("/admin/hosts")
    String list(@RequestParam(required = false) Integer page, Model model) {
        var found = hosts.list(null, PageParams.of(page, 100));
        model.addAttribute("active", "admin");
        model.addAttribute("hosts", found);
        model.addAttribute("bars", found.items().stream().map(dashboard::hostBars).toList());
        model.addAttribute("canManage", can(Operation.HOST_MANAGE));
        return "portal/admin/hosts";
    }

    @PostMapping("/admin/hosts")
    String create(@RequestParam Map<String, String> form, HttpServletRequest request, RedirectAttributes redirect) {
        try {
            Map<String, Object> json = AdminForms.filled(form, "name", "hypervisorType", "site", "totalCpu",
                    "totalMemoryMiB", "totalDiskGiB", "overcommitRatio");
            json.put("tags", AdminForms.list(form.get("tags")));
            HostView host = hosts.create(forms.bind(json, CreateHost.class));
            return forms.done(redirect, "Host " + host.name() + " added.", "/admin/hosts/" + host.id());
        } catch (RuntimeException e) {
            return forms.refused(e, request, form, redirect, "/admin/hosts#add-host");
        }
    }

    @GetMapping("/admin/hosts/{id}")
    String host(@PathVariable UUID id, Model model) {
        HostView host = hosts.get(id);
        model.addAttribute("active", "admin");
        model.addAttribute("host", host);
        model.addAttribute("bars", dashboard.hostBars(host));
        model.addAttribute("reservations", reservations.list(id, null, new PageParams(0, PageParams.MAX_SIZE)).items()
                .stream().map(dashboard::reservationBars).toList());
        boolean manage = can(Operation.RESERVATION_MANAGE);
        model.addAttribute("canManageHost", can(Operation.HOST_MANAGE));
        model.addAttribute("canReserve", manage);
        model.addAttribute("groups", manage ? groups.list(host.tenantId(), new PageParams(0, PageParams.MAX_SIZE)).items()
                : List.of());
        model.addAttribute("agent", can(Operation.AGENT_READ) ? agents.host(id) : null);
        model.addAttribute("states", HostState.values());
        return "portal/admin/host";
    }

    @PostMapping("/admin/hosts/{id}/state")
    String state(@PathVariable UUID id, @RequestParam Map<String, String> form, HttpServletRequest request,
            RedirectAttributes redirect) {
        try {
            HostView host = hosts.changeState(id, forms.bind(AdminForms.filled(form, "state", "reason"),
                    ChangeHostState.class));
            return forms.done(redirect, host.name() + " is " + host.state() + " now.", "/admin/hosts/" + id);
        } catch (RuntimeException e) {
            return forms.refused(e, request, form, redirect, "/admin/hosts/" + id);
        }
    }

    @PostMapping("/admin/hosts/{id}/reservations")
    String reserve(@PathVariable UUID id, @RequestParam Map<String, String> form, HttpServletRequest request,
            RedirectAttributes redirect) {
        try {
            Map<String, Object> json = AdminForms.filled(form, "groupId", "name", "cpu", "memoryMiB", "diskGiB",
                    "maxMachines", "priority", "overcommitRatio", "warningPercent", "criticalPercent");
            json.put("preemptible", form.containsKey("preemptible"));
            var reservation = reservations.create(id, forms.bind(json, CreateReservation.class));
            return forms.done(redirect, "Reservation " + reservation.name() + " added.", "/admin/hosts/" + id);
        } catch (RuntimeException e) {
            return forms.refused(e, request, form, redirect, "/admin/hosts/" + id + "#add-reservation");
        }
    }

    private boolean can(Operation operation) {
        return !authorizer.visibility(operation).nothing();
    }
}
