package io.quartermaster.server.tenancy;

import io.quartermaster.api.Page;
import io.quartermaster.api.tenancy.CreateUser;
import io.quartermaster.api.tenancy.CurrentUserView;
import io.quartermaster.api.tenancy.UpdateUser;
import io.quartermaster.api.tenancy.UserView;
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
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
class UserController {

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    @GetMapping
    Page<UserView> list(@RequestParam(required = false) UUID tenantId, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return users.list(tenantId, PageParams.of(page, size));
    }

    /** The caller: their user, tenant and group memberships. */
    @GetMapping("/me")
    CurrentUserView me() {
        return users.me();
    }

    @GetMapping("/{id}")
    UserView get(@PathVariable UUID id) {
        return users.get(id);
    }

    @PostMapping
    ResponseEntity<UserView> create(@Valid @RequestBody CreateUser request) {
        UserView created = users.create(request);
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.id())).body(created);
    }

    @PatchMapping("/{id}")
    UserView update(@PathVariable UUID id, @Valid @RequestBody UpdateUser request) {
        return users.update(id, request);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        users.delete(id);
        return ResponseEntity.noContent().build();
    }
}
