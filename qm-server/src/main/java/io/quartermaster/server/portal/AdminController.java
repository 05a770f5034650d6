package io.quartermaster.server.portal;

import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.platform.errors.QmException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The administration section's front page: the dashboard. */
@Controller
class AdminController {

    private final Dashboard dashboard;
    private final Authorizer authorizer;

    AdminController(Dashboard dashboard, Authorizer authorizer) {
        this.dashboard = dashboard;
        this.authorizer = authorizer;
    }

    @GetMapping("/admin")
    String dashboard(Model model) {
        AdminAreas areas = requireAny(authorizer);
        model.addAttribute("active", "admin");
        model.addAttribute("picture", dashboard.draw(areas));
        return "portal/admin/dashboard";
    }

    /** Someone without any administration role gets the API's answer: there is nothing here for them. */
    static AdminAreas requireAny(Authorizer authorizer) {
        AdminAreas areas = AdminAreas.of(authorizer);
        if (!areas.any()) {
            throw QmException.forbidden("The administration pages are for group, tenant and system administrators.");
        }
        return areas;
    }
}
