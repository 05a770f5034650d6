package io.quartermaster.server.portal;

import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.platform.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Failures of portal pages as pages: the server's reason and sentence (NotFound for what the person may
 * not see, exactly as the API answers), with the request id to quote; never a stack trace. Comes before
 * the API's problem documents for the portal's controllers only.
 */
@ControllerAdvice(basePackageClasses = PortalErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PortalErrors {

    private static final Logger log = LoggerFactory.getLogger(PortalErrors.class);

    private final PortalModel layout;
    private final RefusalAudit audit;

    PortalErrors(PortalModel layout, RefusalAudit audit) {
        this.layout = layout;
        this.audit = audit;
    }

    @ExceptionHandler(Exception.class)
    ModelAndView failed(Exception e, HttpServletRequest request, HttpServletResponse response) {
        Refusal refusal = Refusal.find(e).map(Refusal::of).orElseGet(() -> unexpected(e, request));
        audit.refused(request, refusal); // the audit keeps refused changes; reads are not audited
        response.setStatus(refusal.status().value());
        boolean fragment = request.getHeader(PortalModel.HX_REQUEST) != null;
        ModelAndView page = new ModelAndView(fragment ? "portal/error :: message" : "portal/error");
        page.setStatus(refusal.status());
        page.addObject("refusal", refusal);
        page.addObject("requestId", RequestIdFilter.current(request));
        page.addObject("csrfHeaders", layout.csrfHeaders(request));
        if (!fragment && !"Unauthenticated".equals(refusal.reason()) && !"AccountDisabled".equals(refusal.reason())) {
            try {
                page.addObject("viewer", layout.viewer(request));
            } catch (QmException noViewer) {
                // The page still says what went wrong, without the navigation.
            }
        }
        return page;
    }

    private static Refusal unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof MethodArgumentTypeMismatchException mismatch) {
            return new Refusal(HttpStatus.BAD_REQUEST, "InvalidParameter",
                    "'" + mismatch.getName() + "' has an invalid value '" + mismatch.getValue() + "'.",
                    mismatch.getName());
        }
        if (e instanceof MissingServletRequestParameterException missing) {
            return new Refusal(HttpStatus.BAD_REQUEST, "MissingParameter",
                    "'" + missing.getParameterName() + "' is required.", missing.getParameterName());
        }
        if (e instanceof org.flowable.common.engine.api.FlowableOptimisticLockingException
                || e instanceof org.springframework.dao.OptimisticLockingFailureException) {
            return new Refusal(HttpStatus.CONFLICT, "Conflict",
                    "Something else changed this at the same moment. Reload the page and try again.", null);
        }
        if (e instanceof org.springframework.web.ErrorResponse known && known.getStatusCode().is4xxClientError()) {
            return new Refusal(HttpStatus.valueOf(known.getStatusCode().value()), "BadRequest",
                    known.getBody().getDetail(), null);
        }
        log.error("Unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), e);
        return new Refusal(HttpStatus.INTERNAL_SERVER_ERROR, "InternalError",
                "Something went wrong on the server. If it happens again, report it with the request id.", null);
    }
}
