package io.quartermaster.server.portal;

import io.quartermaster.api.Page;
import io.quartermaster.api.machines.ActionRequest;
import io.quartermaster.api.machines.MachineState;
import io.quartermaster.api.machines.MachineView;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.capacity.HostService;
import io.quartermaster.server.catalog.TemplateService;
import io.quartermaster.server.machines.ActionService;
import io.quartermaster.server.machines.MachineService;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.platform.web.PageParams;
import io.quartermaster.server.tenancy.GroupService;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The machine summary report for administrators: every machine of the places they administer with its
 * status, expiry, owner, group and host, filtered, and a selection disposed of or powered off at once
 * after a confirmation. Each machine of the selection is acted on by the same service as
 * {@code POST /api/v1/machines/{id}/actions/{action}}, so each may be refused on its own (and is audited).
 */
@Controller
class MachineReportController {

    /** What may be done to a selection. */
    static final Set<String> BULK = Set.of("dispose", "power-off");

    private final MachineService machines;
    private final ActionService actions;
    private final GroupService groups;
    private final TemplateService templates;
    private final HostService hosts;
    private final Authorizer authorizer;
    private final RefusalAudit audit;
    private final Clock clock;

    MachineReportController(MachineService machines, ActionService actions, GroupService groups,
            TemplateService templates, HostService hosts, Authorizer authorizer, RefusalAudit audit, Clock clock) {
        this.machines = machines;
        this.actions = actions;
        this.groups = groups;
        this.templates = templates;
        this.hosts = hosts;
        this.authorizer = authorizer;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/admin/machines")
    String report(@RequestParam(required = false) String state, @RequestParam(required = false) UUID group,
            @RequestParam(required = false) UUID host, @RequestParam(required = false) UUID template,
            @RequestParam(required = false) Integer endingWithinDays, @RequestParam(required = false) Integer page,
            Model model) {
        if (authorizer.visibility(Operation.MACHINE_ADMIN).nothing()) {
            throw QmException.forbidden("The machine report is for group, tenant and system administrators.");
        }
        MachineState wanted = Arrays.stream(MachineState.values()).filter(s -> s.name().equals(state)).findFirst()
                .orElse(null);
        var filter = new MachineService.Filter(wanted, null, group, host, template,
                endingWithinDays == null ? null : clock.instant().plus(Duration.ofDays(Math.max(0, endingWithinDays))));
        Page<MachineView> found = machines.list(filter, PageParams.of(page, 100));
        boolean seesHosts = !authorizer.visibility(Operation.HOST_READ).nothing();
        Map<UUID, String> groupNames = new HashMap<>();
        groups.list(null, new PageParams(0, PageParams.MAX_SIZE)).items().forEach(g -> groupNames.put(g.id(), g.name()));
        model.addAttribute("active", "admin");
        model.addAttribute("machines", found);
        model.addAttribute("states", MachineState.values());
        model.addAttribute("groupNames", groupNames);
        model.addAttribute("templates", templates.list(null, new PageParams(0, PageParams.MAX_SIZE)).items());
        model.addAttribute("hosts", seesHosts ? hosts.list(null, new PageParams(0, PageParams.MAX_SIZE)).items() : List.of());
        model.addAttribute("filter", filter);
        model.addAttribute("endingWithinDays", endingWithinDays);
        return "portal/admin/machines";
    }

    /** What the selection would do, to be confirmed. */
    @PostMapping("/admin/machines/bulk")
    String confirm(@RequestParam String action, @RequestParam(name = "machine", required = false) List<UUID> selected,
            Model model, RedirectAttributes redirect) {
        if (!BULK.contains(action) || selected == null || selected.isEmpty()) {
            redirect.addFlashAttribute(Notice.FLASH, Notice.refused(Refusal.invalid("machine",
                    "choose at least one machine, and dispose or power off")));
            return "redirect:/admin/machines";
        }
        model.addAttribute("active", "admin");
        model.addAttribute("action", action);
        model.addAttribute("selected", selected.stream().distinct().map(machines::get).toList());
        return "portal/admin/machines-confirm";
    }

    @PostMapping("/admin/machines/bulk/confirmed")
    String act(@RequestParam String action, @RequestParam(name = "machine") List<UUID> selected,
            HttpServletRequest request, RedirectAttributes redirect) {
        if (!BULK.contains(action)) {
            return "redirect:/admin/machines";
        }
        List<String> refused = new ArrayList<>();
        int done = 0;
        for (UUID id : selected.stream().distinct().toList()) {
            try {
                actions.act(id, action, new ActionRequest(null, null, null, null));
                done++;
            } catch (RuntimeException e) {
                QmException refusal = Refusal.find(e).orElseThrow(() -> e);
                audit.refused(request, Refusal.of(refusal));
                refused.add(name(id) + ": " + refusal.getMessage() + " (" + refusal.reason() + ")");
            }
        }
        String verb = "dispose".equals(action) ? "Disposing of " : "Turning off ";
        String text = verb + done + (done == 1 ? " machine." : " machines.");
        redirect.addFlashAttribute(Notice.FLASH, refused.isEmpty() ? Notice.done(text)
                : new Notice(true, text + " Refused: " + String.join("; ", refused)));
        return "redirect:/admin/machines";
    }

    private String name(UUID id) {
        try {
            MachineView machine = machines.get(id);
            return machine.name() != null ? machine.name() : machine.templateName();
        } catch (QmException notVisible) {
            return id.toString();
        }
    }
}
