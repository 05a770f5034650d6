package io.quartermaster.server.machines;

import io.quartermaster.api.machines.MachineState;
import io.quartermaster.api.machines.PowerState;
import io.quartermaster.server.access.Scope;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A machine as stored: spec (template copy, size, properties) and status (state, power, lease, step). */
record Machine(UUID id, UUID requestId, UUID tenantId, UUID groupId, UUID templateId, String templateName, UUID ownerId,
        String name, MachineState state, PowerState powerState, UUID claimId, UUID hostId, MachineSpec spec,
        Map<String, String> properties, Integer leaseDays, int tombstoneDays, Instant provisionedAt,
        Instant leaseExpiresAt, Integer reminderDaysBefore, Instant reminderSentAt, Instant expiredAt,
        Instant tombstoneEndsAt, Instant destroyWarningSentAt, Instant disposedAt, String currentStep,
        String failureStep, String failureReason, String failureMessage, Instant failedAt, String processInstanceId,
        Instant createdAt, long version) {

    Scope scope() {
        return Scope.group(tenantId, groupId);
    }

    boolean permanent() {
        return leaseDays == null;
    }
}
