package io.quartermaster.server.platform.errors;

import io.quartermaster.api.Problem;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Told about every call that ended in a problem, after its transaction rolled back (the audit uses it).
 * API calls are reported by the problem responses; pages that show a refusal themselves (the portal)
 * report it and mark the request with {@link #PAGE_ACTION}, so it is audited like the API's.
 */
public interface FailedCallListener {

    /** Request attribute (true) of a page's change that was refused and is to be audited like an API call. */
    String PAGE_ACTION = FailedCallListener.class.getName() + ".pageAction";

    void callFailed(HttpServletRequest request, Problem problem);
}
