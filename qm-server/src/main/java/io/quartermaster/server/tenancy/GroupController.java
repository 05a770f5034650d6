package io.quartermaster.server.tenancy;

import io.quartermaster.api.Page;
import io.quartermaster.api.tenancy.AddMember;
import io.quartermaster.api.tenancy.CreateGroup;
import io.quartermaster.api.tenancy.GroupView;
import io.quartermaster.api.tenancy.MemberView;
import io.quartermaster.api.tenancy.UpdateGroup;
import io.quartermaster.server.platform.web.PageParams;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
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

/** Business groups and their members. */
@RestController
@RequestMapping(path = "/api/v1/groups", produces = MediaType.APPLICATION_JSON_VALUE)
class GroupController {

    private final GroupService groups;
    private final MemberService members;

    GroupController(GroupService groups, MemberService members) {
        this.groups = groups;
        this.members = members;
    }

    @GetMapping
    Page<GroupView> list(@RequestParam(required = false) UUID tenantId, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return groups.list(tenantId, PageParams.of(page, size));
    }

    @GetMapping("/{id}")
    GroupView get(@PathVariable UUID id) {
        return groups.get(id);
    }

    @PostMapping
    ResponseEntity<GroupView> create(@Valid @RequestBody CreateGroup request) {
        GroupView created = groups.create(request);
        return ResponseEntity.created(URI.create("/api/v1/groups/" + created.id())).body(created);
    }

    @PatchMapping("/{id}")
    GroupView update(@PathVariable UUID id, @Valid @RequestBody UpdateGroup request) {
        return groups.update(id, request);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        groups.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/members")
    Page<MemberView> members(@PathVariable UUID id, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return members.list(id, PageParams.of(page, size));
    }

    /** Adds a member, or sets the role of one already in the group (200 then, 201 when added). */
    @PostMapping("/{id}/members")
    ResponseEntity<MemberView> addMember(@PathVariable UUID id, @Valid @RequestBody AddMember request) {
        MemberService.Added added = members.add(id, request);
        return ResponseEntity.status(added.created() ? HttpStatus.CREATED : HttpStatus.OK).body(added.member());
    }

    /** Removes a member, named by user id or username. */
    @DeleteMapping("/{id}/members/{user}")
    ResponseEntity<Void> removeMember(@PathVariable UUID id, @PathVariable String user) {
        members.remove(id, user);
        return ResponseEntity.noContent().build();
    }
}
