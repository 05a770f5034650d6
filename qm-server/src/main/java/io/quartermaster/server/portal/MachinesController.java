package io.quartermaster.server.portal;

import io.quartermaster.api.machines.ActionRequest;
import io.quartermaster.api.machines.MachineState;
import io.quartermaster.api.machines.MachineView;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.machines.ActionService;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.platform.web.PageParams;
import io.quartermaster.server.tenancy.MemberService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * My machines: the list, a machine's page (its timeline, and its build progress updating in place
 * while a step runs), and the actions its {@code allowedActions} offer, each a form posted to the same
 * service as {@code POST /api/v1/machines/{id}/actions/{action}}. Destructive ones ask first.
 */
@Controller
class MachinesController {

    private final MachinePages pages;
    private final ActionService actions;
    private final Authorizer authorizer;
    private final Validator validator;
    private final RefusalAudit audit;
    private final MemberService members;

    MachinesController(MachinePages pages, ActionService actions, Authorizer authorizer, Validator validator,
            RefusalAudit audit, MemberService members) {
        this.members = members;
        this.pages = pages;
        this.actions = actions;
        this.authorizer = authorizer;
        this.validator = validator;
        this.audit = audit;
    }

    @GetMapping("/machines")
    String list(@RequestParam(required = false) String state, @RequestParam(required = false) Boolean mine,
            @RequestParam(required = false) Integer page, Model model) {
        MachineState wanted = Arrays.stream(MachineState.values()).filter(s -> s.name().equals(state)).findFirst()
                .orElse(null);
        UUID owner = Boolean.TRUE.equals(mine) ? authorizer.caller().userId() : null;
        model.addAttribute("active", "machines");
        model.addAttribute("machines", pages.list(wanted, owner, page == null || page < 0 ? 0 : page));
        model.addAttribute("states", MachineState.values());
        model.addAttribute("state", wanted);
        model.addAttribute("mine", Boolean.TRUE.equals(mine));
        model.addAttribute("showOwner", showOwner());
        model.addAttribute("showHost", showHost());
        return "portal/machines";
    }

    /** One row again, for a list polling a machine that is on the move. */
    @GetMapping("/machines/{id}/row")
    String row(@PathVariable UUID id, Model model) {
        model.addAttribute("row", pages.row(id));
        model.addAttribute("showOwner", showOwner());
        model.addAttribute("showHost", showHost());
        return "portal/machines :: row";
    }

    @GetMapping("/machines/{id}")
    String machine(@PathVariable UUID id, Model model) {
        model.addAttribute("active", "machines");
        model.addAttribute("detail", pages.detail(id));
        return "portal/machine";
    }

    /** The changing part of the machine's page: state, progress, actions and timeline. */
    @GetMapping("/machines/{id}/live")
    String live(@PathVariable UUID id, Model model) {
        model.addAttribute("detail", pages.detail(id));
        return "portal/machine :: live";
    }

    /** Dispose and reprovision say what they will do before they do it. */
    @GetMapping("/machines/{id}/confirm/{action}")
    String confirm(@PathVariable UUID id, @PathVariable String action, Model model) {
        if (!MachinePages.CONFIRMED.contains(action)) {
            return "redirect:/machines/" + id;
        }
        MachinePages.Row row = pages.row(id);
        model.addAttribute("active", "machines");
        model.addAttribute("row", row);
        model.addAttribute("action", action);
        if ("change-owner".equals(action)) {
            // The new owner must be a member of the machine's group: offer those (the service checks again).
            model.addAttribute("members", members.list(row.machine().groupId(), new PageParams(0, PageParams.MAX_SIZE))
                    .items().stream().filter(m -> !m.userId().equals(row.machine().ownerId())).toList());
        }
        return "portal/machine-confirm";
    }

    @PostMapping("/machines/{id}/actions/{action}")
    String act(@PathVariable UUID id, @PathVariable String action, @RequestParam(required = false) String days,
            @RequestParam(required = false) String reminderDaysBefore, @RequestParam(required = false) UUID ownerId,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String back, HttpServletRequest request, RedirectAttributes redirect) {
        String to = "list".equals(back) ? "redirect:/machines" : "redirect:/machines/" + id;
        Notice notice;
        try {
            ActionRequest body = new ActionRequest(number("days", days),
                    number("reminderDaysBefore", reminderDaysBefore), ownerId,
                    reason == null || reason.isBlank() ? null : reason.strip());
            var violation = validator.validate(body).stream().findFirst();
            if (violation.isPresent()) {
                throw Refusal.invalidException(violation.get().getPropertyPath().toString(),
                        violation.get().getMessage());
            }
            boolean extending = "extend-lease".equals(action);
            Instant leaseBefore = extending ? pages.row(id).machine().leaseExpiresAt() : null;
            MachineView after = actions.act(id, action, body);
            String label = MachinePages.row(after).label();
            // An extension beyond the template's policy is asked for, not made: the lease has not moved yet.
            notice = Notice.done(extending && Objects.equals(leaseBefore, after.leaseExpiresAt())
                    ? "The longer lease of " + label + " waits for a group administrator's approval."
                    : done(action, label));
        } catch (RuntimeException e) {
            QmException refusal = Refusal.find(e).orElseThrow(() -> e);
            if ("NotFound".equals(refusal.reason())) {
                throw refusal;
            }
            audit.refused(request, Refusal.of(refusal));
            notice = Notice.refused(Refusal.of(refusal));
        }
        redirect.addFlashAttribute(Notice.FLASH, notice);
        return to;
    }

    /** Administrators see others' machines too, so the list names each one's owner. */
    private boolean showOwner() {
        return !authorizer.visibility(Operation.MACHINE_ADMIN).nothing();
    }

    /** Hosts are for those who manage capacity: a column only they get (each machine's view says where). */
    private boolean showHost() {
        return !authorizer.visibility(Operation.HOST_READ).nothing()
                || !authorizer.visibility(Operation.RESERVATION_READ).nothing();
    }

    private static Integer number(String field, String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(typed.strip());
        } catch (NumberFormatException e) {
            throw Refusal.invalidException(field, "must be a whole number");
        }
    }

    private static String done(String action, String machine) {
        return switch (action) {
            case "power-off" -> "Turning " + machine + " off.";
            case "power-on" -> "Turning " + machine + " on.";
            case "reboot" -> "Rebooting " + machine + ".";
            case "extend-lease" -> "Lease of " + machine + " extended.";
            case "set-reminder" -> "Reminder of " + machine + " set.";
            case "restore" -> "Restoring " + machine + ".";
            case "retry" -> "Building " + machine + " again.";
            case "reprovision" -> "Reprovisioning " + machine + ".";
            case "dispose" -> "Disposing of " + machine + ".";
            case "change-owner" -> "Owner of " + machine + " changed.";
            default -> action + " asked of " + machine + ".";
        };
    }
}
