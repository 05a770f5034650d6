package io.quartermaster.api.workflows;

import java.util.List;

/**
 * What a migration did: how many instances moved to {@code toVersion}, per version they came from, and
 * how many of those asked for were already there.
 */
public record MigrationResult(String key, int toVersion, long migrated, List<FromVersion> from, long alreadyAtTarget) {

    public MigrationResult {
        from = List.copyOf(from);
    }

    /** The number of instances moved from one version. */
    public record FromVersion(int version, long instances) {}
}
