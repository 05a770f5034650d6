package io.quartermaster.server.platform.errors;

import io.quartermaster.api.Problem;
import jakarta.servlet.http.HttpServletRequest;

/** Told about every call that ended in a problem, after its transaction rolled back (the audit uses it). */
public interface FailedCallListener {
    void callFailed(HttpServletRequest request, Problem problem);
}
