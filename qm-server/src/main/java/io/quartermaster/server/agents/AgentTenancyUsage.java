package io.quartermaster.server.agents;

import io.quartermaster.server.tenancy.TenancyUsage;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** A tenant with registered agents cannot be deleted until they are gone. */
@Component
class AgentTenancyUsage implements TenancyUsage {

    private final AgentRepository agents;

    AgentTenancyUsage(AgentRepository agents) {
        this.agents = agents;
    }

    @Override
    public List<String> usesOfGroup(UUID groupId) {
        return List.of();
    }

    @Override
    public List<String> usesOfTenant(UUID tenantId) {
        long count = agents.countInTenant(tenantId);
        return count == 0 ? List.of() : List.of(count + " agent(s)");
    }
}
