package io.quartermaster.server.portal;

import io.quartermaster.api.machines.ApprovalView;
import io.quartermaster.api.machines.Decision;
import io.quartermaster.server.machines.ApprovalService;
import io.quartermaster.server.platform.errors.QmException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The approvals queue of group administrators (and above): requester, template, parameters, cost and
 * reason; approve, or reject with a reason, through the same service as
 * {@code POST /api/v1/approvals/{id}/approve|reject}. With htmx the decided card replaces the pending
 * one in place; without it, the form posts and the queue is shown again.
 */
@Controller
class ApprovalsController {

    private final Approvals queue;
    private final ApprovalService approvals;
    private final RefusalAudit audit;

    ApprovalsController(Approvals queue, ApprovalService approvals, RefusalAudit audit) {
        this.queue = queue;
        this.approvals = approvals;
        this.audit = audit;
    }

    @GetMapping("/approvals")
    String list(Model model) {
        model.addAttribute("active", "approvals");
        model.addAttribute("queue", queue.queue());
        return "portal/approvals";
    }

    @PostMapping("/approvals/{id}/{decision:approve|reject}")
    String decide(@PathVariable UUID id, @PathVariable String decision, @RequestParam(required = false) String reason,
            HttpServletRequest request, Model model, RedirectAttributes redirect) {
        boolean approve = "approve".equals(decision);
        boolean inPlace = request.getHeader(PortalModel.HX_REQUEST) != null;
        Approvals.Card card;
        try {
            ApprovalView decided = approvals.decide(id, approve, new Decision(reason));
            card = queue.card(decided);
            if (!inPlace) {
                redirect.addFlashAttribute(Notice.FLASH, Notice.done((approve ? "Approved" : "Rejected")
                        + " the request of " + decided.requester() + " for " + decided.templateName() + "."));
            }
        } catch (RuntimeException e) {
            QmException refused = Refusal.find(e).orElseThrow(() -> e);
            if ("NotFound".equals(refused.reason())) {
                throw refused;
            }
            // In place, the card says why (answered 200: a refusal is not a failed page load for the browser).
            audit.refused(request, Refusal.of(refused));
            card = queue.card(approvals.get(id)).withRefusal(Refusal.of(refused));
            if (!inPlace) {
                redirect.addFlashAttribute(Notice.FLASH, Notice.refused(Refusal.of(refused)));
            }
        }
        if (!inPlace) {
            return "redirect:/approvals";
        }
        model.addAttribute("card", card);
        return "portal/approvals :: card";
    }
}
