package io.quartermaster.server.portal;

import io.quartermaster.api.tenancy.CurrentUserView;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.CallerIdentity;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.tenancy.UserService;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every portal page gets besides its own model: the viewer for the layout (not for htmx fragments,
 * which have no layout), and the CSRF header htmx sends with every request it makes.
 */
@ControllerAdvice(basePackageClasses = PortalModel.class)
class PortalModel {

    static final String HX_REQUEST = "HX-Request";

    private final UserService users;
    private final Authorizer authorizer;
    private final Approvals approvals;

    PortalModel(UserService users, Authorizer authorizer, Approvals approvals) {
        this.users = users;
        this.authorizer = authorizer;
        this.approvals = approvals;
    }

    @ModelAttribute("viewer")
    Viewer viewer(HttpServletRequest request) {
        if (request.getHeader(HX_REQUEST) != null || !signedIn()) {
            return null;
        }
        CurrentUserView me = users.me();
        boolean canApprove = !authorizer.visibility(Operation.APPROVAL_DECIDE).nothing();
        return new Viewer(me.user().username(), me.user().displayName(), me.tenantName(), Viewer.roleLabels(me),
                !me.memberships().isEmpty() || me.user().tenantAdmin(), canApprove,
                !authorizer.visibility(Operation.MACHINE_ADMIN).nothing(), me.user().tenantAdmin(),
                me.user().systemAdmin(), canApprove ? approvals.waitingForCaller() : 0);
    }

    /** The administration pages the person may open (null where no layout is drawn). */
    @ModelAttribute("areas")
    AdminAreas areas(HttpServletRequest request) {
        if (request.getHeader(HX_REQUEST) != null || !signedIn()) {
            return null;
        }
        return AdminAreas.of(authorizer);
    }

    /** For {@code hx-headers} on the page's body: htmx's requests carry the session's CSRF token. */
    @ModelAttribute("csrfHeaders")
    String csrfHeaders(HttpServletRequest request) {
        if (!(request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token)) {
            return null;
        }
        return "{\"" + token.getHeaderName() + "\": \"" + token.getToken() + "\"}";
    }

    static boolean signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof CallerIdentity;
    }
}
