-- Host agents: one-time bootstrap tokens, registered agents (credential stored hashed), the hosts each
-- serves, each host's primary agent and fencing epoch, and what the agents report.

CREATE TABLE agent_bootstrap_tokens (
    id          UUID PRIMARY KEY,
    tenant_id   UUID NOT NULL REFERENCES tenants (id),
    token_hash  VARCHAR(64) NOT NULL,
    host_ids    VARCHAR(4000) NOT NULL,          -- space-separated; checked against hosts when used
    created_by  VARCHAR(100) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE,
    agent_id    UUID,
    CONSTRAINT ux_agent_bootstrap_tokens_hash UNIQUE (token_hash)
);

CREATE TABLE agents (
    id              UUID PRIMARY KEY,
    tenant_id       UUID NOT NULL REFERENCES tenants (id),
    name            VARCHAR(100) NOT NULL,
    credential_hash VARCHAR(64) NOT NULL,
    version         VARCHAR(50),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at    TIMESTAMP WITH TIME ZONE,
    revoked_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ux_agents_name UNIQUE (tenant_id, name),
    CONSTRAINT ux_agents_credential UNIQUE (credential_hash)
);

CREATE TABLE agent_hosts (
    agent_id UUID NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    host_id  UUID NOT NULL REFERENCES hosts (id) ON DELETE CASCADE,
    PRIMARY KEY (agent_id, host_id)
);
CREATE INDEX ix_agent_hosts_host ON agent_hosts (host_id);

-- One row per host once an agent has reported: who is primary until when, the fencing epoch (raised at
-- every change of primary; results carrying an older one are refused) and the last report's facts.
CREATE TABLE host_agent_status (
    host_id            UUID PRIMARY KEY REFERENCES hosts (id) ON DELETE CASCADE,
    primary_agent_id   UUID,
    epoch              BIGINT NOT NULL DEFAULT 0,
    lease_until        TIMESTAMP WITH TIME ZONE,
    last_report_at     TIMESTAMP WITH TIME ZONE,
    connection         VARCHAR(14) NOT NULL DEFAULT 'Connected',
    cpu_count          INTEGER,
    memory_mib         BIGINT,
    hypervisor         VARCHAR(100),
    hypervisor_version VARCHAR(100),
    driver             VARCHAR(50),
    agent_version      VARCHAR(50),
    CONSTRAINT ck_host_agent_status_connection CHECK (connection IN ('Connected', 'Disconnected'))
);

-- Differences between a host's report and what the server believes about a machine.
CREATE TABLE machine_conditions (
    machine_id UUID NOT NULL REFERENCES machines (id) ON DELETE CASCADE,
    type       VARCHAR(30) NOT NULL,
    message    VARCHAR(500) NOT NULL,
    since      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (machine_id, type)
);

-- Machines a hypervisor has that Quartermaster does not manage (offered for import).
CREATE TABLE unmanaged_machines (
    host_id       UUID NOT NULL REFERENCES hosts (id) ON DELETE CASCADE,
    hypervisor_id UUID NOT NULL,
    name          VARCHAR(200),
    power_state   VARCHAR(12),
    cpu           INTEGER NOT NULL DEFAULT 0,
    memory_mib    BIGINT NOT NULL DEFAULT 0,
    first_seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (host_id, hypervisor_id)
);
