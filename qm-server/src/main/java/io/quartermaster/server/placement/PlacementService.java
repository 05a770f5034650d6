package io.quartermaster.server.placement;

import io.quartermaster.api.capacity.Amounts;
import io.quartermaster.api.capacity.ClaimView;
import io.quartermaster.api.catalog.TemplateView;
import io.quartermaster.server.capacity.Candidate;
import io.quartermaster.server.capacity.CapacityService;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.tenancy.GroupDirectory;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places one machine of a template for a group: picks a reservation ({@link Placer}) and takes the
 * claim in the same transaction. If another request took the room first, the next best candidate is
 * tried; when none is left the answer is {@code CapacityUnavailable} with the reason in words.
 */
@Service
public class PlacementService {

    private final CapacityService capacity;
    private final GroupDirectory groups;

    PlacementService(CapacityService capacity, GroupDirectory groups) {
        this.capacity = capacity;
        this.groups = groups;
    }

    /** What one machine of the template takes. */
    public static Amounts need(TemplateView template) {
        return new Amounts(template.cpu(), template.memoryMiB(), template.diskGiB());
    }

    @Transactional
    public ClaimView place(UUID groupId, TemplateView template, UUID ownerId, String holder, String reason) {
        return place(groupId, template.id(), template.hypervisorType(), need(template), ownerId, holder, reason);
    }

    /** As {@link #place(UUID, TemplateView, UUID, String, String)} for a machine's own copy of its template. */
    @Transactional
    public ClaimView place(UUID groupId, UUID templateId, String hypervisorType, Amounts need, UUID ownerId,
            String holder, String reason) {
        var group = groups.forPlacement(groupId).orElseThrow(() -> QmException.notFound("Group", groupId));
        List<Candidate> candidates = capacity.candidates(groupId, hypervisorType);
        var request = new CapacityService.ClaimRequest(group.tenantId(), groupId, templateId, ownerId, holder, reason,
                need);
        Set<UUID> lost = new HashSet<>();
        Optional<Candidate> choice;
        while ((choice = Placer.choose(candidates, need, group.placementPolicy(), lost)).isPresent()) {
            Optional<ClaimView> claim = capacity.claim(choice.get(), request);
            if (claim.isPresent()) {
                return claim.get();
            }
            lost.add(choice.get().reservationId()); // someone else took the room meanwhile
        }
        throw CapacityService.capacityUnavailable(
                capacity.explainNoRoom(groupId, group.name(), hypervisorType, need));
    }
}
