package io.quartermaster.server.portal;

import io.quartermaster.api.catalog.TemplateView;
import io.quartermaster.api.machines.CreateRequest;
import io.quartermaster.api.machines.RequestView;
import io.quartermaster.server.catalog.TemplateDirectory;
import io.quartermaster.server.machines.RequestService;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.tenancy.GroupDirectory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.LinkedHashMap;
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
 * Request a machine: the templates of each of the person's groups, then a confirmation page with the
 * machine's parameters and the custom properties they may set, and the order itself, made by the same
 * service as {@code POST /api/v1/requests}. A refusal (no capacity, over the limit, a property that may
 * not be set…) comes back to the confirmation page with the server's reason.
 */
@Controller
class OrderController {

    static final String PROPERTY = "property.";

    /** What the confirmation form holds, as typed (a count that is not a number is shown back as it was). */
    public record OrderForm(String count, String reason, Map<String, String> properties)
            implements java.io.Serializable {}

    private final Catalog catalog;
    private final TemplateDirectory templates;
    private final GroupDirectory groups;
    private final RequestService requests;
    private final Validator validator;
    private final RefusalAudit audit;

    OrderController(Catalog catalog, TemplateDirectory templates, GroupDirectory groups, RequestService requests,
            Validator validator, RefusalAudit audit) {
        this.catalog = catalog;
        this.templates = templates;
        this.groups = groups;
        this.requests = requests;
        this.validator = validator;
        this.audit = audit;
    }

    @GetMapping("/order")
    String catalog(Model model) {
        model.addAttribute("active", "order");
        model.addAttribute("sections", catalog.sections());
        return "portal/order";
    }

    /**
     * The confirmation page; after a refusal, the order sends the browser back here with what was typed and
     * the server's reason (as one-time attributes), so the refused form is shown again by a plain GET.
     */
    @GetMapping("/order/{templateId}")
    String confirm(@PathVariable UUID templateId, @RequestParam UUID group, Model model) {
        TemplateView template = templates.readable(templateId);
        if (model.getAttribute("form") instanceof OrderForm typed) {
            return confirmation(template, group, typed, priced(count(typed.count())),
                    (Refusal) model.getAttribute("refusal"), model);
        }
        Map<String, String> values = new LinkedHashMap<>();
        template.customProperties().forEach(property -> values.put(property.name(), property.value()));
        return confirmation(template, group, new OrderForm("1", "", values), 1, null, model);
    }

    /** The price and headroom for another count, for the confirmation page to update in place. */
    @GetMapping("/order/{templateId}/estimate")
    String estimate(@PathVariable UUID templateId, @RequestParam UUID group, @RequestParam String count, Model model) {
        TemplateView template = templates.readable(templateId);
        Integer parsed = count(count);
        boolean valid = parsed != null && priced(parsed) == parsed;
        model.addAttribute("entry", valid ? catalog.entry(group, template, parsed) : null);
        model.addAttribute("countProblem", valid ? null : countProblem());
        return "portal/order-confirm :: estimate";
    }

    @PostMapping("/order")
    String order(@RequestParam UUID templateId, @RequestParam UUID groupId, @RequestParam Map<String, String> form,
            HttpServletRequest request, RedirectAttributes redirect) {
        TemplateView template = templates.readable(templateId);
        Map<String, String> properties = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith(PROPERTY)) {
                properties.put(name.substring(PROPERTY.length()), value);
            }
        });
        OrderForm typed = new OrderForm(form.getOrDefault("count", ""), form.getOrDefault("reason", ""), properties);
        Integer count = count(typed.count());
        if (count == null) {
            return refused(request, template, groupId, typed, Refusal.invalid("count", countProblem()), redirect);
        }
        // Every property typed here goes to the service, which refuses those the template does not let people set.
        CreateRequest body = new CreateRequest(templateId, groupId, count, properties.isEmpty() ? null : properties,
                typed.reason().isBlank() ? null : typed.reason().strip());
        var violation = validator.validate(body).stream()
                .min(Comparator.comparing((ConstraintViolation<CreateRequest> v) -> v.getPropertyPath().toString()));
        if (violation.isPresent()) {
            Refusal invalid = Refusal.invalid(violation.get().getPropertyPath().toString(), violation.get().getMessage());
            return refused(request, template, groupId, typed, invalid, redirect);
        }
        RequestView created;
        try {
            created = requests.create(body);
        } catch (RuntimeException e) {
            QmException refusal = Refusal.find(e).orElseThrow(() -> e);
            return refused(request, template, groupId, typed, Refusal.of(refusal), redirect);
        }
        redirect.addFlashAttribute(Notice.FLASH, Notice.done(ordered(created)));
        return created.machines().size() == 1 ? "redirect:/machines/" + created.machines().get(0).id()
                : "redirect:/machines";
    }

    private static String ordered(RequestView created) {
        String what = created.count() + " × " + created.templateName();
        return created.approvalRequired()
                ? "Requested " + what + ". It waits for a group administrator's approval."
                : "Requested " + what + ". It is being built.";
    }

    /** Back to the confirmation page with what was typed and why it was refused (the page is then a plain GET). */
    private String refused(HttpServletRequest request, TemplateView template, UUID groupId, OrderForm typed,
            Refusal refusal, RedirectAttributes redirect) {
        audit.refused(request, refusal);
        redirect.addFlashAttribute("form", typed);
        redirect.addFlashAttribute("refusal", refusal);
        redirect.addAttribute("group", groupId);
        return "redirect:/order/" + template.id();
    }

    private String confirmation(TemplateView template, UUID groupId, OrderForm form, int count, Refusal refusal,
            Model model) {
        var group = groups.find(groupId).orElseThrow(() -> QmException.notFound("Group", groupId));
        Catalog.Entry entry = catalog.entry(groupId, template, count);
        if (entry.problem() != null && refusal == null) {
            // Not a template this person may order in this group (or no such group): say so, as the API would.
            throw new QmException(entry.problem().status(), entry.problem().reason(), entry.problem().message());
        }
        model.addAttribute("active", "order");
        model.addAttribute("template", template);
        model.addAttribute("groupId", groupId);
        model.addAttribute("groupName", group.name());
        model.addAttribute("entry", entry);
        model.addAttribute("form", form);
        model.addAttribute("refusal", refusal);
        return "portal/order-confirm";
    }

    /** The typed count, or null when it is not a whole number (its range is the request's validation). */
    private static Integer count(String typed) {
        try {
            return Integer.parseInt(typed == null ? "" : typed.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String countProblem() {
        return "must be a whole number from 1 to " + CreateRequest.MAX_COUNT;
    }

    /** The count to price: the typed one when the request could take it. */
    private static int priced(Integer count) {
        return count != null && count >= 1 && count <= CreateRequest.MAX_COUNT ? count : 1;
    }
}
