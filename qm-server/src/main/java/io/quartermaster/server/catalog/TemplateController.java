package io.quartermaster.server.catalog;

import io.quartermaster.api.Page;
import io.quartermaster.api.catalog.CreateTemplate;
import io.quartermaster.api.catalog.TemplateView;
import io.quartermaster.api.catalog.UpdateTemplate;
import io.quartermaster.server.platform.web.PageParams;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/templates", produces = MediaType.APPLICATION_JSON_VALUE)
class TemplateController {

    private final TemplateService templates;

    TemplateController(TemplateService templates) {
        this.templates = templates;
    }

    /** The templates the caller may see, optionally only those entitled to one group. */
    @GetMapping
    Page<TemplateView> list(@RequestParam(required = false) UUID groupId, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return templates.list(groupId, PageParams.of(page, size));
    }

    @GetMapping("/{id}")
    TemplateView get(@PathVariable UUID id) {
        return templates.get(id);
    }

    @PostMapping
    ResponseEntity<TemplateView> create(@Valid @RequestBody CreateTemplate request) {
        TemplateView created = templates.create(request);
        return ResponseEntity.created(URI.create("/api/v1/templates/" + created.id())).body(created);
    }

    @PatchMapping("/{id}")
    TemplateView update(@PathVariable UUID id, @Valid @RequestBody UpdateTemplate request) {
        return templates.update(id, request);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        templates.delete(id);
        return ResponseEntity.noContent().build();
    }
}
