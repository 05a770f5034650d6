package io.quartermaster.server.tenancy;

import java.util.UUID;

/**
 * A user account was disabled, enabled or deleted. Published in the transaction that changed it, so that
 * what remembers who may sign in (the API token cache) forgets the user once that transaction commits.
 */
public record AccountChanged(UUID userId) {}
