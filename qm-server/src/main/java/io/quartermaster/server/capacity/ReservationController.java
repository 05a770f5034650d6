package io.quartermaster.server.capacity;

import io.quartermaster.api.Page;
import io.quartermaster.api.capacity.ReservationUsage;
import io.quartermaster.api.capacity.ReservationView;
import io.quartermaster.api.capacity.UpdateReservation;
import io.quartermaster.server.platform.web.PageParams;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reservations across hosts: tenant administrators manage them, group administrators watch theirs. */
@RestController
@RequestMapping(path = "/api/v1/reservations", produces = MediaType.APPLICATION_JSON_VALUE)
class ReservationController {

    private final ReservationService reservations;

    ReservationController(ReservationService reservations) {
        this.reservations = reservations;
    }

    @GetMapping
    Page<ReservationView> list(@RequestParam(required = false) UUID hostId, @RequestParam(required = false) UUID groupId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return reservations.list(hostId, groupId, PageParams.of(page, size));
    }

    @GetMapping("/{id}")
    ReservationView get(@PathVariable UUID id) {
        return reservations.get(id);
    }

    /** Reserved, claimed and free, with the alert state. */
    @GetMapping("/{id}/usage")
    ReservationUsage usage(@PathVariable UUID id) {
        return reservations.get(id).usage();
    }

    @PatchMapping("/{id}")
    ReservationView update(@PathVariable UUID id, @Valid @RequestBody UpdateReservation request) {
        return reservations.update(id, request);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        reservations.delete(id);
        return ResponseEntity.noContent().build();
    }
}
