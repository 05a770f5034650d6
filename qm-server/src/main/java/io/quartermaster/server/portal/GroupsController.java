package io.quartermaster.server.portal;

import io.quartermaster.api.machines.MachineActions;
import io.quartermaster.api.tenancy.AddMember;
import io.quartermaster.api.tenancy.CreateGroup;
import io.quartermaster.api.tenancy.GroupRole;
import io.quartermaster.api.tenancy.GroupView;
import io.quartermaster.api.tenancy.PlacementPolicy;
import io.quartermaster.api.tenancy.UpdateGroup;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.platform.web.PageParams;
import io.quartermaster.server.tenancy.GroupService;
import io.quartermaster.server.tenancy.MemberService;
import jakarta.servlet.http.HttpServletRequest;
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
 * Business groups: tenant administrators create them; group administrators change their own group's
 * policy (placement, actions its users may not take) and its members and administrators. Through the
 * services behind {@code /api/v1/groups} and {@code /api/v1/groups/{id}/members}.
 */
@Controller
class GroupsController {

    private final GroupService groups;
    private final MemberService members;
    private final Authorizer authorizer;
    private final AdminForms forms;

    GroupsController(GroupService groups, MemberService members, Authorizer authorizer, AdminForms forms) {
        this.groups = groups;
        this.members = members;
        this.authorizer = authorizer;
        this.forms = forms;
    }

    @GetMapping("/admin/groups")
    String list(@RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("active", "admin");
        model.addAttribute("groups", groups.list(null, PageParams.of(page, 100)));
        model.addAttribute("canCreate", !authorizer.visibility(Operation.GROUP_CREATE).nothing());
        model.addAttribute("policies", PlacementPolicy.values());
        return "portal/admin/groups";
    }

    @PostMapping("/admin/groups")
    String create(@RequestParam Map<String, String> form, HttpServletRequest request, RedirectAttributes redirect) {
        try {
            GroupView group = groups.create(forms.bind(AdminForms.filled(form, "name", "description", "placementPolicy"),
                    CreateGroup.class));
            return forms.done(redirect, "Group " + group.name() + " created.", "/admin/groups/" + group.id());
        } catch (RuntimeException e) {
            return forms.refused(e, request, form, redirect, "/admin/groups#add-group");
        }
    }

    @GetMapping("/admin/groups/{id}")
    String group(@PathVariable UUID id, Model model) {
        GroupView group = groups.get(id);
        model.addAttribute("active", "admin");
        model.addAttribute("group", group);
        model.addAttribute("members", members.list(id, new PageParams(0, PageParams.MAX_SIZE)).items());
        model.addAttribute("policies", PlacementPolicy.values());
        model.addAttribute("roles", GroupRole.values());
        model.addAttribute("forbiddable", MachineActions.FORBIDDABLE);
        return "portal/admin/group";
    }

    @PostMapping("/admin/groups/{id}")
    String update(@PathVariable UUID id, @RequestParam Map<String, String> form, HttpServletRequest request,
            RedirectAttributes redirect) {
        try {
            Map<String, Object> json = AdminForms.filled(form, "name", "description", "placementPolicy", "version");
            json.put("forbiddenActions", form.keySet().stream().filter(key -> key.startsWith("forbid."))
                    .map(key -> key.substring("forbid.".length())).toList());
            GroupView group = groups.update(id, forms.bind(json, UpdateGroup.class));
            return forms.done(redirect, "Group " + group.name() + " saved.", "/admin/groups/" + id);
        } catch (RuntimeException e) {
            return forms.refused(e, request, form, redirect, "/admin/groups/" + id);
        }
    }

    @PostMapping("/admin/groups/{id}/members")
    String addMember(@PathVariable UUID id, @RequestParam Map<String, String> form, HttpServletRequest request,
            RedirectAttributes redirect) {
        try {
            var added = members.add(id, forms.bind(AdminForms.filled(form, "username", "role"), AddMember.class));
            String who = added.member().username();
            return forms.done(redirect, added.created() ? who + " added as " + role(added.member().role()) + "."
                    : who + " is " + role(added.member().role()) + " now.", "/admin/groups/" + id + "#members");
        } catch (RuntimeException e) {
            return forms.refused(e, request, form, redirect, "/admin/groups/" + id + "#members");
        }
    }

    @PostMapping("/admin/groups/{id}/members/{username}/remove")
    String removeMember(@PathVariable UUID id, @PathVariable String username, HttpServletRequest request,
            RedirectAttributes redirect) {
        try {
            members.remove(id, username);
            return forms.done(redirect, username + " removed from the group.", "/admin/groups/" + id + "#members");
        } catch (RuntimeException e) {
            return forms.refused(e, request, Map.of(), redirect, "/admin/groups/" + id + "#members");
        }
    }

    private static String role(GroupRole role) {
        return role == GroupRole.GROUP_ADMIN ? "group administrator" : "member";
    }
}
