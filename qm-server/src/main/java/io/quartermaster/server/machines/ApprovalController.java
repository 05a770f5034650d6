package io.quartermaster.server.machines;

import io.quartermaster.api.Page;
import io.quartermaster.api.machines.ApprovalView;
import io.quartermaster.api.machines.Decision;
import io.quartermaster.server.platform.web.PageParams;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/approvals", produces = MediaType.APPLICATION_JSON_VALUE)
class ApprovalController {

    private final ApprovalService approvals;

    ApprovalController(ApprovalService approvals) {
        this.approvals = approvals;
    }

    /** An administrator's queue and the caller's own pending approvals; {@code state=all} for history. */
    @GetMapping
    Page<ApprovalView> list(@RequestParam(required = false) String state, @RequestParam(required = false) UUID groupId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return approvals.list(state, groupId, PageParams.of(page, size));
    }

    @GetMapping("/{id}")
    ApprovalView get(@PathVariable UUID id) {
        return approvals.get(id);
    }

    @PostMapping("/{id}/approve")
    ApprovalView approve(@PathVariable UUID id, @Valid @RequestBody(required = false) Decision decision) {
        return approvals.decide(id, true, decision);
    }

    /** Rejects; the body's {@code reason} is required and shown to the requester. */
    @PostMapping("/{id}/reject")
    ApprovalView reject(@PathVariable UUID id, @Valid @RequestBody(required = false) Decision decision) {
        return approvals.decide(id, false, decision);
    }
}
