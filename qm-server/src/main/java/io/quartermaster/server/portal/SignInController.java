package io.quartermaster.server.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page of the session login (Spring Security handles the form's POST to /login and the
 * POST to /logout), and the portal's front door.
 */
@Controller
class SignInController {

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        if (request.getHeader(PortalModel.HX_REQUEST) != null) {
            // An htmx poll whose session ended was sent here: load the whole sign-in page instead of a fragment.
            response.setHeader("HX-Redirect", request.getRequestURI());
        }
        if (error != null) {
            HttpSession session = request.getSession(false);
            Object failure = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            model.addAttribute("error", failure instanceof DisabledException
                    ? "This account is disabled. Ask an administrator to enable it."
                    : "The username or password is wrong.");
        }
        if (logout != null) {
            model.addAttribute("signedOut", true);
        }
        return "portal/login";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/machines";
    }
}
