package io.quartermaster.server.platform.web;

import io.quartermaster.server.platform.errors.PayloadTooLargeException;
import io.quartermaster.server.platform.errors.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies above {@code qm.http.max-request-body-bytes}: at once when Content-Length says
 * so, and while reading when the body is chunked, so no JSON document of any size is buffered whole.
 * A request a {@link BodyLimit} names (an image upload) is held to that limit instead.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long defaultLimitBytes;
    private final List<BodyLimit> exceptions;
    private final Problems problems;

    public BodySizeLimitFilter(@Value("${qm.http.max-request-body-bytes:1048576}") long limitBytes,
            ObjectProvider<BodyLimit> exceptions, Problems problems) {
        this.defaultLimitBytes = limitBytes;
        this.exceptions = exceptions.orderedStream().toList();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limitBytes = exceptions.stream().filter(limit -> limit.matches(request)).mapToLong(BodyLimit::maxBytes)
                .findFirst().orElse(defaultLimitBytes);
        if (request.getContentLengthLong() > limitBytes) {
            problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "PayloadTooLarge",
                    new PayloadTooLargeException(limitBytes).getMessage());
            return;
        }
        chain.doFilter(new LimitedRequest(request, limitBytes), response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long limitBytes;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limitBytes) {
            super(request);
            this.limitBytes = limitBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limitBytes);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long limitBytes;
        private long read;

        LimitedStream(ServletInputStream delegate, long limitBytes) {
            this.delegate = delegate;
            this.limitBytes = limitBytes;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limitBytes) {
                throw new PayloadTooLargeException(limitBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
