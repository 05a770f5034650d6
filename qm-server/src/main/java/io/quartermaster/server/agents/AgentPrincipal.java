package io.quartermaster.server.agents;

import java.util.List;
import java.util.UUID;

/**
 * A registered agent, as its credential authenticates it on {@code /agent/v1}, with the hosts it serves
 * (read with the credential, so a call needs no second look-up to know them).
 */
public record AgentPrincipal(UUID agentId, UUID tenantId, String name, List<UUID> hostIds) {

    public AgentPrincipal {
        hostIds = List.copyOf(hostIds);
    }

    public boolean serves(UUID hostId) {
        return hostIds.contains(hostId);
    }
}
