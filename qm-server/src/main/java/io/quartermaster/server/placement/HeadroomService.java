package io.quartermaster.server.placement;

import io.quartermaster.api.catalog.Headroom;
import io.quartermaster.api.catalog.TemplateView;
import io.quartermaster.server.capacity.CapacityService;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** How many more machines of a template fit for a group, and how many more the person may have. */
@Service
public class HeadroomService {

    private final CapacityService capacity;

    HeadroomService(CapacityService capacity) {
        this.capacity = capacity;
    }

    /** Machines of the template that still fit in the group's usable reservations. */
    @Transactional(readOnly = true)
    public int capacity(UUID groupId, TemplateView template) {
        long fit = capacity.candidates(groupId, template.hypervisorType()).stream()
                .mapToLong(candidate -> candidate.fits(PlacementService.need(template)))
                .sum();
        return (int) Math.min(Integer.MAX_VALUE, fit);
    }

    /** How many more the owner may hold under the template's per-user limit; null when it has none. */
    @Transactional(readOnly = true)
    public Integer quota(UUID ownerId, TemplateView template) {
        if (template.maxMachinesPerUser() == null) {
            return null;
        }
        return (int) Math.max(0, template.maxMachinesPerUser() - capacity.liveClaimsOf(ownerId, template.id()));
    }

    @Transactional(readOnly = true)
    public Headroom of(UUID groupId, TemplateView template, UUID ownerId) {
        int fit = capacity(groupId, template);
        Integer quota = quota(ownerId, template);
        return new Headroom(template.id(), template.name(), groupId, fit, quota, quota == null ? fit : Math.min(fit, quota));
    }
}
