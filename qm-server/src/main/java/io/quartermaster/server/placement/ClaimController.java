package io.quartermaster.server.placement;

import io.quartermaster.api.Page;
import io.quartermaster.api.capacity.ClaimView;
import io.quartermaster.api.capacity.CreateClaim;
import io.quartermaster.server.platform.web.PageParams;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Capacity held by hand (group administrators); see {@link HoldService}. */
@RestController
@RequestMapping(path = "/api/v1/claims", produces = MediaType.APPLICATION_JSON_VALUE)
class ClaimController {

    private final HoldService holds;

    ClaimController(HoldService holds) {
        this.holds = holds;
    }

    /** Places one machine of the template in the group's reservations and holds it. */
    @PostMapping
    ResponseEntity<ClaimView> create(@Valid @RequestBody CreateClaim request) {
        ClaimView claim = holds.hold(request);
        return ResponseEntity.created(URI.create("/api/v1/claims/" + claim.id())).body(claim);
    }

    /** The live claims of one reservation or one group. */
    @GetMapping
    Page<ClaimView> list(@RequestParam(required = false) UUID reservationId, @RequestParam(required = false) UUID groupId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return holds.live(reservationId, groupId, PageParams.of(page, size));
    }

    @GetMapping("/{id}")
    ClaimView get(@PathVariable UUID id) {
        return holds.get(id);
    }

    /** Gives back cpu and memory and keeps disk and the machine slot, as a powered-off machine does. */
    @PostMapping("/{id}/release-compute")
    ClaimView releaseCompute(@PathVariable UUID id) {
        return holds.releaseCompute(id);
    }

    /** Takes cpu and memory again, or answers CapacityUnavailable. */
    @PostMapping("/{id}/reclaim-compute")
    ClaimView reclaimCompute(@PathVariable UUID id) {
        return holds.reclaimCompute(id);
    }

    /** Releases everything the claim holds. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> release(@PathVariable UUID id) {
        holds.release(id);
        return ResponseEntity.noContent().build();
    }
}
