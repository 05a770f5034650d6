package io.quartermaster.server.tenancy;

import io.quartermaster.api.tenancy.GroupRole;
import io.quartermaster.server.access.Grant;
import io.quartermaster.server.access.GrantSource;
import io.quartermaster.server.access.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** A user's grants: SYSTEM_ADMIN and TENANT_ADMIN from their flags, group roles from their memberships. */
@Component
class TenancyGrantSource implements GrantSource {

    private final UserRepository users;
    private final MembershipRepository memberships;

    TenancyGrantSource(UserRepository users, MembershipRepository memberships) {
        this.users = users;
        this.memberships = memberships;
    }

    @Override
    public Optional<List<Grant>> grantsOf(UUID userId) {
        User user = users.find(userId).filter(User::enabled).orElse(null);
        if (user == null) {
            return Optional.empty();
        }
        List<Grant> grants = new ArrayList<>();
        if (user.systemAdmin()) {
            grants.add(Grant.system(Role.SYSTEM_ADMIN));
        }
        if (user.tenantAdmin()) {
            grants.add(Grant.tenant(Role.TENANT_ADMIN, user.tenantId()));
        }
        for (var row : memberships.grantsOf(userId)) {
            Role role = row.role() == GroupRole.GROUP_ADMIN ? Role.GROUP_ADMIN : Role.USER;
            grants.add(Grant.group(role, row.tenantId(), row.groupId()));
        }
        return Optional.of(grants);
    }
}
