package io.quartermaster.server.agents;

import java.util.UUID;

/** A registered agent, as its credential authenticates it on {@code /agent/v1}. */
public record AgentPrincipal(UUID agentId, UUID tenantId, String name) {}
