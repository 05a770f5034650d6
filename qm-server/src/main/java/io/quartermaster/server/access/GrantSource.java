package io.quartermaster.server.access;

import java.util.List;
import java.util.UUID;

/** Where a user's grants come from (the tenancy feature: its admin flags and group memberships). */
public interface GrantSource {
    List<Grant> grantsOf(UUID userId);
}
