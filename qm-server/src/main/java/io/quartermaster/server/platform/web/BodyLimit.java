package io.quartermaster.server.platform.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A request that may carry a body larger than {@code qm.http.max-request-body-bytes} (an image upload is
 * gigabytes): the {@code method} on exactly {@code path} is held to {@code maxBytes} instead. A feature
 * declares one as a bean; its handler must stream the body, never buffer it.
 */
public record BodyLimit(String method, String path, long maxBytes) {

    boolean matches(HttpServletRequest request) {
        return method.equals(request.getMethod()) && path.equals(request.getRequestURI());
    }
}
