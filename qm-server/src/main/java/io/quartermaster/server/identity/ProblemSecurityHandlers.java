package io.quartermaster.server.identity;

import io.quartermaster.server.platform.errors.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;

/** Spring Security's refusals as problem documents, like every other error of the API. */
@Component
class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final Problems problems;

    ProblemSecurityHandlers(Problems problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (portalPageWithoutCredentials(request)) {
            // A browser whose session ended (a form posted, or a part of a page polling): back to the sign-in
            // page, not a Basic challenge that would open the browser's own password dialog.
            response.sendRedirect(request.getContextPath() + "/login");
            return;
        }
        response.addHeader("WWW-Authenticate", "Basic realm=\"Quartermaster\"");
        response.addHeader("WWW-Authenticate", "Bearer realm=\"Quartermaster\"");
        String header = request.getHeader("Authorization");
        if (e instanceof DisabledException) {
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "AccountDisabled",
                    "This account is disabled. Ask an administrator to enable it.");
        } else if (e instanceof BadCredentialsException && header != null && header.startsWith("Bearer ")) {
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "InvalidToken", e.getMessage());
        } else if (e instanceof BadCredentialsException) {
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "InvalidCredentials",
                    "The username or password is wrong.");
        } else {
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthenticated",
                    "Sign in first: send HTTP Basic credentials or a personal API token (Authorization: Bearer qmp_…).");
        }
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        if (e instanceof CsrfException) {
            if (!signedIn()) {
                // No session and no credentials: the caller is simply not signed in.
                commence(request, response, new org.springframework.security.authentication
                        .InsufficientAuthenticationException("not signed in"));
                return;
            }
            problems.write(request, response, HttpStatus.FORBIDDEN, "CsrfTokenInvalid",
                    "The CSRF token is missing or stale. Reload the page, or call the API with a token instead of a"
                            + " session.");
            return;
        }
        problems.write(request, response, HttpStatus.FORBIDDEN, "Forbidden", "You are not allowed to do this.");
    }

    /** A page of the portal, or a request htmx makes from one, sent without credentials (not the API). */
    private static boolean portalPageWithoutCredentials(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String accept = request.getHeader("Accept");
        return request.getHeader("Authorization") == null && !path.startsWith("/api/") && !path.startsWith("/actuator/")
                && (request.getHeader("HX-Request") != null || accept != null && accept.contains("text/html"));
    }

    /** CSRF is checked before the request exposes its principal, so ask the security context. */
    private static boolean signedIn() {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof org.springframework.security.authentication.AnonymousAuthenticationToken);
    }
}
