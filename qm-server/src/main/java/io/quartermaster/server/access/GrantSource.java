package io.quartermaster.server.access;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where a user's grants come from (the tenancy feature: its admin flags and group memberships). */
public interface GrantSource {

    /** The user's grants; empty when the user no longer exists or is disabled. */
    Optional<List<Grant>> grantsOf(UUID userId);
}
