package io.quartermaster.server.capacity;

import io.quartermaster.api.Page;
import io.quartermaster.api.capacity.ChangeHostState;
import io.quartermaster.api.capacity.CreateHost;
import io.quartermaster.api.capacity.CreateReservation;
import io.quartermaster.api.capacity.HostView;
import io.quartermaster.api.capacity.ReservationView;
import io.quartermaster.api.capacity.UpdateHost;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Hosts and the reservations on them; for tenant administrators. */
@RestController
@RequestMapping(path = "/api/v1/hosts", produces = MediaType.APPLICATION_JSON_VALUE)
class HostController {

    private final HostService hosts;
    private final ReservationService reservations;

    HostController(HostService hosts, ReservationService reservations) {
        this.hosts = hosts;
        this.reservations = reservations;
    }

    @GetMapping
    Page<HostView> list(@RequestParam(required = false) UUID tenantId, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return hosts.list(tenantId, PageParams.of(page, size));
    }

    @GetMapping("/{id}")
    HostView get(@PathVariable UUID id) {
        return hosts.get(id);
    }

    @PostMapping
    ResponseEntity<HostView> create(@Valid @RequestBody CreateHost request) {
        HostView created = hosts.create(request);
        return ResponseEntity.created(URI.create("/api/v1/hosts/" + created.id())).body(created);
    }

    @PatchMapping("/{id}")
    HostView update(@PathVariable UUID id, @Valid @RequestBody UpdateHost request) {
        return hosts.update(id, request);
    }

    /** Enables the host, or puts it in maintenance or disables it (with a reason): no new machines then. */
    @PutMapping("/{id}/state")
    HostView changeState(@PathVariable UUID id, @Valid @RequestBody ChangeHostState request) {
        return hosts.changeState(id, request);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        hosts.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/reservations")
    Page<ReservationView> reservations(@PathVariable UUID id, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        hosts.get(id);
        return reservations.list(id, null, PageParams.of(page, size));
    }

    @PostMapping("/{id}/reservations")
    ResponseEntity<ReservationView> reserve(@PathVariable UUID id, @Valid @RequestBody CreateReservation request) {
        ReservationView created = reservations.create(id, request);
        return ResponseEntity.created(URI.create("/api/v1/reservations/" + created.id())).body(created);
    }
}
