package io.quartermaster.api.tenancy;

import java.time.Instant;
import java.util.UUID;

/** A user's membership of a group. */
public record MemberView(
        UUID groupId, UUID userId, String username, String displayName, GroupRole role, Instant addedAt) {}
