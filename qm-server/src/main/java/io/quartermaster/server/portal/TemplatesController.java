package io.quartermaster.server.portal;

import io.quartermaster.api.catalog.ApprovalMode;
import io.quartermaster.api.catalog.CreateTemplate;
import io.quartermaster.api.catalog.DiskMode;
import io.quartermaster.api.catalog.TemplateView;
import io.quartermaster.api.catalog.UpdateTemplate;
import io.quartermaster.server.catalog.TemplateService;
import io.quartermaster.server.images.ImageService;
import io.quartermaster.server.platform.web.PageParams;
import io.quartermaster.server.tenancy.GroupService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
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
 * Templates for group and tenant administrators: the list, a new template, and editing one (its size,
 * lease, approval policy, custom properties, the groups entitled to it and its cost), through the service
 * behind {@code /api/v1/templates}, which decides who may change which template.
 */
@Controller
class TemplatesController {

    private final TemplateService templates;
    private final GroupService groups;
    private final ImageService images;
    private final AdminForms forms;

    TemplatesController(TemplateService templates, GroupService groups, ImageService images, AdminForms forms) {
        this.images = images;
        this.templates = templates;
        this.groups = groups;
        this.forms = forms;
    }

    @GetMapping("/admin/templates")
    String list(@RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("active", "admin");
        model.addAttribute("templates", templates.list(null, PageParams.of(page, 100)));
        model.addAttribute("groupNames", groupNames());
        return "portal/admin/templates";
    }

    @GetMapping("/admin/templates/new")
    String create(Model model) {
        return form(null, typedOr(model, TemplateForm.blank()), model);
    }

    @PostMapping("/admin/templates")
    String create(@RequestParam Map<String, String> form, HttpServletRequest request, RedirectAttributes redirect) {
        try {
            TemplateView created = templates.create(forms.bind(TemplateForm.json(form, false), CreateTemplate.class));
            return forms.done(redirect, "Template " + created.name() + " created.", "/admin/templates");
        } catch (RuntimeException e) {
            return forms.refused(e, request, form, redirect, "/admin/templates/new");
        }
    }

    @GetMapping("/admin/templates/{id}")
    String edit(@PathVariable UUID id, Model model) {
        TemplateView template = templates.get(id);
        return form(template, typedOr(model, TemplateForm.of(template)), model);
    }

    @PostMapping("/admin/templates/{id}")
    String edit(@PathVariable UUID id, @RequestParam Map<String, String> form, HttpServletRequest request,
            RedirectAttributes redirect) {
        try {
            TemplateView saved = templates.update(id, forms.bind(TemplateForm.json(form, true), UpdateTemplate.class));
            return forms.done(redirect, "Template " + saved.name() + " saved.", "/admin/templates");
        } catch (RuntimeException e) {
            return forms.refused(e, request, form, redirect, "/admin/templates/" + id);
        }
    }

    @PostMapping("/admin/templates/{id}/delete")
    String delete(@PathVariable UUID id, HttpServletRequest request, RedirectAttributes redirect) {
        try {
            String name = templates.get(id).name();
            templates.delete(id);
            return forms.done(redirect, "Template " + name + " deleted.", "/admin/templates");
        } catch (RuntimeException e) {
            return forms.refused(e, request, Map.of(), redirect, "/admin/templates/" + id);
        }
    }

    private String form(TemplateView template, Map<String, String> values, Model model) {
        model.addAttribute("active", "admin");
        model.addAttribute("template", template);
        model.addAttribute("values", values);
        model.addAttribute("diskRows", TemplateForm.DISK_ROWS);
        model.addAttribute("propertyRows", TemplateForm.propertyRows(values));
        model.addAttribute("modes", ApprovalMode.values());
        model.addAttribute("groups", groups.list(null, new PageParams(0, PageParams.MAX_SIZE)).items());
        model.addAttribute("images", images.list(new PageParams(0, PageParams.MAX_SIZE)).items());
        model.addAttribute("diskModes", DiskMode.values());
        return "portal/admin/template";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> typedOr(Model model, Map<String, String> values) {
        return model.getAttribute(AdminForms.TYPED) instanceof Map<?, ?> typed ? (Map<String, String>) typed : values;
    }

    private Map<UUID, String> groupNames() {
        Map<UUID, String> names = new HashMap<>();
        groups.list(null, new PageParams(0, PageParams.MAX_SIZE)).items().forEach(g -> names.put(g.id(), g.name()));
        return names;
    }
}
