package io.quartermaster.server.capacity;

import io.quartermaster.api.capacity.Amounts;
import io.quartermaster.api.capacity.ClaimView;
import io.quartermaster.server.platform.errors.QmException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Capacity as other features use it: the candidates for a placement, taking a claim, and giving
 * capacity back. No authorization here; callers decide who may. Every change joins the caller's
 * transaction, so a claim commits or rolls back with the decision that needed it.
 */
@Service
public class CapacityService {

    /** What a claim is for: who holds it and why. */
    public record ClaimRequest(UUID tenantId, UUID groupId, UUID templateId, UUID ownerId, String holder, String reason,
            Amounts need) {}

    private final ReservationRepository reservations;
    private final ClaimLedger ledger;
    private final Clock clock;

    CapacityService(ReservationRepository reservations, ClaimLedger ledger, Clock clock) {
        this.reservations = reservations;
        this.ledger = ledger;
        this.clock = clock;
    }

    public static QmException capacityUnavailable(String message) {
        return new QmException(HttpStatus.CONFLICT, "CapacityUnavailable", message);
    }

    /** The group's reservations on enabled hosts of the hypervisor type. */
    @Transactional(readOnly = true)
    public List<Candidate> candidates(UUID groupId, String hypervisorType) {
        return reservations.candidates(groupId, hypervisorType).stream().map(CapacityService::candidate).toList();
    }

    /**
     * Holds every reservation of the group until the caller's transaction ends, taking their rows in one order
     * (by id). A request for several machines claims them one after another on whichever reservations placement
     * picks, so two such requests could take the same rows in opposite orders and deadlock; holding them all
     * first, in one order, makes the second wait for the first instead. Single claims need not: they take one row.
     */
    public void holdReservationsOf(UUID groupId) {
        ledger.lockReservationsOf(groupId);
    }

    /** Takes the claim from the candidate's reservation, or returns empty when it no longer fits. */
    @Transactional
    public Optional<ClaimView> claim(Candidate candidate, ClaimRequest request) {
        if (!ledger.take(candidate.reservationId(), request.need())) {
            return Optional.empty();
        }
        ClaimView claim = new ClaimView(UUID.randomUUID(), candidate.reservationId(), candidate.hostId(),
                request.groupId(), request.templateId(), request.ownerId(), request.holder(), request.reason(),
                (int) request.need().cpu(), request.need().memoryMiB(), request.need().diskGiB(), true, clock.instant(),
                null, null);
        ledger.insert(claim, request.tenantId());
        return Optional.of(claim);
    }

    /** Gives back cpu and memory and keeps disk and the machine slot (a powered-off machine). Idempotent. */
    @Transactional
    public ClaimView releaseCompute(UUID claimId) {
        ClaimView claim = lockLive(claimId);
        if (claim.computeHeld()) {
            ledger.giveBack(claim.reservationId(), new Amounts(claim.cpu(), claim.memoryMiB(), 0), false);
            ledger.markCompute(claimId, false, clock.instant());
        }
        return ledger.find(claimId).orElseThrow();
    }

    /** Takes cpu and memory again (powering on, restoring), or fails with CapacityUnavailable. Idempotent. */
    @Transactional
    public ClaimView reclaimCompute(UUID claimId) {
        ClaimView claim = lockLive(claimId);
        if (!claim.computeHeld()) {
            if (!ledger.takeCompute(claim.reservationId(), claim.cpu(), claim.memoryMiB())) {
                throw capacityUnavailable("The reservation has no room left for " + claim.cpu() + " cpu and "
                        + claim.memoryMiB() + " MiB memory. Free some, or ask an administrator to grow it.");
            }
            ledger.markCompute(claimId, true, clock.instant());
        }
        return ledger.find(claimId).orElseThrow();
    }

    /** Gives everything back: compute if still held, disk and the machine slot. Idempotent. */
    @Transactional
    public ClaimView release(UUID claimId) {
        ClaimView claim = ledger.lock(claimId).orElseThrow(() -> QmException.notFound("Claim", claimId));
        if (claim.releasedAt() == null) {
            Amounts back = new Amounts(claim.computeHeld() ? claim.cpu() : 0, claim.computeHeld() ? claim.memoryMiB() : 0,
                    claim.diskGiB());
            ledger.giveBack(claim.reservationId(), back, true);
            ledger.markReleased(claimId, clock.instant());
        }
        return ledger.find(claimId).orElseThrow();
    }

    /** The live (not released) claims of one reservation, or of one group when {@code reservationId} is null. */
    @Transactional(readOnly = true)
    public io.quartermaster.api.Page<ClaimView> liveClaims(UUID reservationId, UUID groupId,
            io.quartermaster.server.platform.web.PageParams paging) {
        return new io.quartermaster.api.Page<>(ledger.live(reservationId, groupId, paging.offset(), paging.size()),
                paging.page(), paging.size(), ledger.countLive(reservationId, groupId));
    }

    /** The reservation a claim lives in, for authorization: its tenant and group. */
    @Transactional(readOnly = true)
    public Optional<io.quartermaster.server.access.Scope> scopeOfReservation(UUID reservationId) {
        return reservations.find(reservationId).map(Reservation::scope);
    }

    @Transactional(readOnly = true)
    public Optional<ClaimView> findClaim(UUID claimId) {
        return ledger.find(claimId);
    }

    /** How many live claims an owner holds for a template. */
    @Transactional(readOnly = true)
    public long liveClaimsOf(UUID ownerId, UUID templateId) {
        return ledger.countLiveOf(ownerId, templateId);
    }

    /**
     * A sentence saying why nothing fits, for the person who asked: no reservation at all, hosts out of
     * service, or the best reservation's free capacity next to what was needed.
     */
    @Transactional(readOnly = true)
    public String explainNoRoom(UUID groupId, String groupName, String hypervisorType, Amounts need) {
        List<Reservation> all = reservations.ofGroup(groupId);
        if (all.isEmpty()) {
            return "Group '" + groupName + "' has no reservation on any host yet. Ask a tenant administrator for one.";
        }
        List<Candidate> usable = candidates(groupId, hypervisorType);
        if (usable.isEmpty()) {
            return "None of group '" + groupName + "''s reservations is on an enabled " + hypervisorType
                    + " host (hosts may be in maintenance).";
        }
        Candidate roomiest = usable.stream()
                .max(java.util.Comparator.comparingLong((Candidate c) -> c.free().memoryMiB()))
                .orElseThrow();
        return "No reservation of group '" + groupName + "' has room for " + need + ". The roomiest, '"
                + roomiest.reservationName() + "' on " + roomiest.hostName() + ", has " + roomiest.free() + " and "
                + roomiest.freeMachines() + " machine slot(s) free.";
    }

    /** What the reservation's counters say minus what its live claims add up to; zero when consistent. */
    @Transactional(readOnly = true)
    public Amounts drift(UUID reservationId) {
        Reservation reservation = reservations.find(reservationId)
                .orElseThrow(() -> QmException.notFound("Reservation", reservationId));
        return reservation.claimed().minus(ledger.sumLive(reservationId));
    }

    private ClaimView lockLive(UUID claimId) {
        ClaimView claim = ledger.lock(claimId).orElseThrow(() -> QmException.notFound("Claim", claimId));
        if (claim.releasedAt() != null) {
            throw QmException.conflict("Claim " + claimId + " was released at " + claim.releasedAt() + ".");
        }
        return claim;
    }

    static Candidate candidate(Reservation r) {
        var usage = r.usage();
        return new Candidate(r.id(), r.name(), r.hostId(), r.hostName(), r.priority(), usage.limit(), usage.free(),
                usage.freeMachines());
    }
}
