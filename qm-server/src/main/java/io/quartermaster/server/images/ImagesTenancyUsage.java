package io.quartermaster.server.images;

import io.quartermaster.server.tenancy.TenancyUsage;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** A tenant's own images keep it from being deleted. */
@Component
class ImagesTenancyUsage implements TenancyUsage {

    private final ImageRepository images;

    ImagesTenancyUsage(ImageRepository images) {
        this.images = images;
    }

    @Override
    public List<String> usesOfGroup(UUID groupId) {
        return List.of();
    }

    @Override
    public List<String> usesOfTenant(UUID tenantId) {
        long count = images.countOfTenant(tenantId);
        return count == 0 ? List.of() : List.of(count + " image(s)");
    }
}
