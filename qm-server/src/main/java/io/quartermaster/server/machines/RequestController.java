package io.quartermaster.server.machines;

import io.quartermaster.api.Page;
import io.quartermaster.api.machines.CreateRequest;
import io.quartermaster.api.machines.RequestView;
import io.quartermaster.server.platform.web.PageParams;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/requests", produces = MediaType.APPLICATION_JSON_VALUE)
class RequestController {

    private final RequestService requests;

    RequestController(RequestService requests) {
        this.requests = requests;
    }

    /** Orders machines; 201 with the request and its machines (PendingApproval or already Provisioning). */
    @PostMapping
    ResponseEntity<RequestView> create(@Valid @RequestBody CreateRequest body) {
        RequestView created = requests.create(body);
        return ResponseEntity.created(URI.create("/api/v1/requests/" + created.id())).body(created);
    }

    /** The caller's requests, or a group's ({@code groupId}, for its administrators). */
    @GetMapping
    Page<RequestView> list(@RequestParam(required = false) UUID groupId, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return requests.list(groupId, PageParams.of(page, size));
    }

    @GetMapping("/{id}")
    RequestView get(@PathVariable UUID id) {
        return requests.get(id);
    }
}
