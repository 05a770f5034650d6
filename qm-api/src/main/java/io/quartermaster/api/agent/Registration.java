package io.quartermaster.api.agent;

import java.util.List;
import java.util.UUID;

/**
 * The answer to a registration: the agent's id and its credential (shown once, stored hashed by the
 * server; send it as {@code Authorization: Bearer <credential>}), and the hosts it serves.
 */
public record Registration(UUID agentId, String credential, List<HostRef> hosts) {

    /** A host an agent serves, with the hypervisor the server expects on it. */
    public record HostRef(UUID id, String name, String hypervisorType) {}
}
