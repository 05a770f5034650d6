package io.quartermaster.server.notifications;

import io.quartermaster.api.Page;
import io.quartermaster.api.notifications.NotificationStatus;
import io.quartermaster.api.notifications.NotificationView;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.access.Scope;
import io.quartermaster.server.platform.web.PageParams;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/notifications}: the e-mail outbox, newest first, for system administrators (it spans
 * every tenant), to see what was sent, skipped and why, and what is still being retried.
 */
@RestController
@RequestMapping(path = "/api/v1/notifications", produces = MediaType.APPLICATION_JSON_VALUE)
class NotificationController {

    private final Outbox outbox;
    private final Authorizer authorizer;

    NotificationController(Outbox outbox, Authorizer authorizer) {
        this.outbox = outbox;
        this.authorizer = authorizer;
    }

    @GetMapping
    @Transactional(readOnly = true)
    Page<NotificationView> list(
            @RequestParam(required = false) UUID recipient,
            @RequestParam(required = false) NotificationStatus status,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        PageParams paging = PageParams.of(page, size);
        authorizer.require(Operation.NOTIFICATION_READ, Scope.system(), "system");
        return new Page<>(outbox.page(recipient, status, paging.offset(), paging.size()), paging.page(), paging.size(),
                outbox.count(recipient, status));
    }
}
