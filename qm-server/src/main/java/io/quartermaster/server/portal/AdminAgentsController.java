package io.quartermaster.server.portal;

import io.quartermaster.api.agent.AgentView;
import io.quartermaster.api.agent.BootstrapTokenView;
import io.quartermaster.api.agent.CreateBootstrapToken;
import io.quartermaster.api.capacity.HostView;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.agents.AgentAdminService;
import io.quartermaster.server.capacity.HostService;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.platform.web.PageParams;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The tenant's host agents: name, version, hosts served (primary or backup), last seen, connected or
 * not; revoking one after a confirmation; and a bootstrap token for chosen hosts, shown once. Through
 * {@link AgentAdminService}, the service behind {@code /api/v1/agents}.
 */
@Controller
class AdminAgentsController {

    private final AgentAdminService agents;
    private final HostService hosts;
    private final Authorizer authorizer;
    private final Validator validator;
    private final RefusalAudit audit;

    AdminAgentsController(AgentAdminService agents, HostService hosts, Authorizer authorizer, Validator validator,
            RefusalAudit audit) {
        this.agents = agents;
        this.hosts = hosts;
        this.authorizer = authorizer;
        this.validator = validator;
        this.audit = audit;
    }

    @GetMapping("/admin/agents")
    String list(@RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("active", "admin");
        model.addAttribute("agents", agents.list(null, PageParams.of(page == null || page < 0 ? 0 : page,
                PageParams.DEFAULT_SIZE)));
        boolean canManage = canManage();
        model.addAttribute("canManage", canManage);
        model.addAttribute("hosts", canManage ? hosts() : List.of());
        return "portal/admin/agents";
    }

    /** Revoking stops the agent at once: the page says what will happen first. */
    @GetMapping("/admin/agents/{id}/revoke")
    String confirmRevoke(@PathVariable UUID id, Model model) {
        model.addAttribute("active", "admin");
        model.addAttribute("agent", agents.get(id));
        return "portal/admin/agent-revoke";
    }

    @PostMapping("/admin/agents/{id}/revoke")
    String revoke(@PathVariable UUID id, HttpServletRequest request, RedirectAttributes redirect) {
        try {
            AgentView revoked = agents.revoke(id);
            redirect.addFlashAttribute(Notice.FLASH, Notice.done("Agent " + revoked.name()
                    + " is revoked: it can no longer connect, and its hosts go to a backup agent."));
        } catch (RuntimeException e) {
            refused(e, request, redirect);
        }
        return "redirect:/admin/agents";
    }

    /** The token is in this answer only: it is not stored readable, so the page cannot show it again. */
    @PostMapping("/admin/agents/tokens")
    String createToken(@RequestParam(required = false) List<UUID> hostIds,
            @RequestParam(required = false) String validHours, HttpServletRequest request,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        try {
            CreateBootstrapToken body = new CreateBootstrapToken(hostIds == null ? List.of() : hostIds,
                    hours(validHours));
            var violation = validator.validate(body).stream().findFirst();
            if (violation.isPresent()) {
                throw Refusal.invalidException(violation.get().getPropertyPath().toString(),
                        violation.get().getMessage());
            }
            BootstrapTokenView token = agents.createToken(body);
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            model.addAttribute("active", "admin");
            model.addAttribute("token", token);
            model.addAttribute("tokenHosts", hosts().stream().filter(h -> token.hostIds().contains(h.id())).toList());
            return "portal/admin/agent-token";
        } catch (RuntimeException e) {
            refused(e, request, redirect);
            return "redirect:/admin/agents";
        }
    }

    private void refused(RuntimeException e, HttpServletRequest request, RedirectAttributes redirect) {
        QmException refusal = Refusal.find(e).orElseThrow(() -> e);
        if ("NotFound".equals(refusal.reason()) && !request.getRequestURI().endsWith("/tokens")) {
            throw refusal;
        }
        audit.refused(request, Refusal.of(refusal));
        redirect.addFlashAttribute(Notice.FLASH, Notice.refused(Refusal.of(refusal)));
    }

    private List<HostView> hosts() {
        return hosts.list(null, PageParams.of(0, PageParams.MAX_SIZE)).items();
    }

    private boolean canManage() {
        return !authorizer.visibility(Operation.AGENT_MANAGE).nothing();
    }

    private static Integer hours(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(typed.strip());
        } catch (NumberFormatException e) {
            throw Refusal.invalidException("validHours", "must be a whole number of hours from 1 to 720");
        }
    }
}
