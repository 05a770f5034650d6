package io.quartermaster.api.tenancy;

import java.util.List;
import java.util.UUID;

/** Who the caller is, and what they hold: the answer to {@code GET /api/v1/users/me}. */
public record CurrentUserView(UserView user, String tenantName, List<Membership> memberships) {

    /** One group the caller belongs to, with their role in it. */
    public record Membership(UUID groupId, String groupName, GroupRole role) {}
}
