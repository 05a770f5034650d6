package io.quartermaster.server.tenancy;

import io.quartermaster.api.Page;
import io.quartermaster.api.tenancy.CreateTenant;
import io.quartermaster.api.tenancy.TenantView;
import io.quartermaster.api.tenancy.UpdateTenant;
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
@RequestMapping(path = "/api/v1/tenants", produces = MediaType.APPLICATION_JSON_VALUE)
class TenantController {

    private final TenantService tenants;

    TenantController(TenantService tenants) {
        this.tenants = tenants;
    }

    @GetMapping
    Page<TenantView> list(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return tenants.list(PageParams.of(page, size));
    }

    @GetMapping("/{id}")
    TenantView get(@PathVariable UUID id) {
        return tenants.get(id);
    }

    @PostMapping
    ResponseEntity<TenantView> create(@Valid @RequestBody CreateTenant request) {
        TenantView created = tenants.create(request);
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + created.id())).body(created);
    }

    @PatchMapping("/{id}")
    TenantView update(@PathVariable UUID id, @Valid @RequestBody UpdateTenant request) {
        return tenants.update(id, request);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        tenants.delete(id);
        return ResponseEntity.noContent().build();
    }
}
