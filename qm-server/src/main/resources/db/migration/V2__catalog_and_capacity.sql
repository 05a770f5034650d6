-- Hosts, reservations, claims and templates. Portable SQL: runs on H2 and PostgreSQL alike.
--
-- Capacity is enforced by the database, not by luck: every reservation row carries what is claimed
-- from it, claims change those counters with conditional updates, and CHECK constraints make any
-- write that would exceed a reservation (or reservations that would exceed their host) fail, whatever
-- code or node issued it.

ALTER TABLE business_groups ADD COLUMN placement_policy VARCHAR(10) DEFAULT 'SPREAD' NOT NULL;
ALTER TABLE business_groups ADD CONSTRAINT ck_business_groups_placement CHECK (placement_policy IN ('SPREAD', 'PACK'));

CREATE TABLE hosts (
    id                  UUID PRIMARY KEY,
    tenant_id           UUID NOT NULL REFERENCES tenants (id),
    name                VARCHAR(100) NOT NULL,
    hypervisor_type     VARCHAR(40)  NOT NULL,
    site                VARCHAR(100) NOT NULL DEFAULT '',
    tags                VARCHAR(1000) NOT NULL DEFAULT '',
    total_cpu           INTEGER NOT NULL,
    total_memory_mib    BIGINT  NOT NULL,
    total_disk_gib      BIGINT  NOT NULL,
    overcommit_ratio    NUMERIC(6, 3) NOT NULL DEFAULT 1,
    reserved_cpu        INTEGER NOT NULL DEFAULT 0,
    reserved_memory_mib BIGINT  NOT NULL DEFAULT 0,
    reserved_disk_gib   BIGINT  NOT NULL DEFAULT 0,
    state               VARCHAR(20) NOT NULL DEFAULT 'ENABLED',
    state_reason        VARCHAR(500),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    version             BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT uq_hosts_name UNIQUE (tenant_id, name),
    CONSTRAINT ck_hosts_state CHECK (state IN ('ENABLED', 'MAINTENANCE', 'DISABLED')),
    CONSTRAINT ck_hosts_size CHECK (total_cpu > 0 AND total_memory_mib > 0 AND total_disk_gib > 0),
    CONSTRAINT ck_hosts_overcommit CHECK (overcommit_ratio >= 1 AND overcommit_ratio <= 100),
    -- The reservations on a host fit the host (cpu and memory may be overcommitted; disk never).
    CONSTRAINT ck_hosts_reserved CHECK (reserved_cpu >= 0 AND reserved_memory_mib >= 0 AND reserved_disk_gib >= 0
        AND reserved_cpu <= total_cpu * overcommit_ratio
        AND reserved_memory_mib <= total_memory_mib * overcommit_ratio
        AND reserved_disk_gib <= total_disk_gib)
);
CREATE INDEX ix_hosts_tenant ON hosts (tenant_id);

CREATE TABLE reservations (
    id                 UUID PRIMARY KEY,
    tenant_id          UUID NOT NULL REFERENCES tenants (id),
    host_id            UUID NOT NULL REFERENCES hosts (id),
    group_id           UUID NOT NULL REFERENCES business_groups (id),
    name               VARCHAR(200) NOT NULL,
    cpu                INTEGER NOT NULL,
    memory_mib         BIGINT  NOT NULL,
    disk_gib           BIGINT  NOT NULL,
    max_machines       INTEGER NOT NULL,
    priority           INTEGER NOT NULL DEFAULT 100,
    overcommit_ratio   NUMERIC(6, 3) NOT NULL DEFAULT 1,
    preemptible        BOOLEAN NOT NULL DEFAULT FALSE,
    warning_percent    INTEGER NOT NULL DEFAULT 80,
    critical_percent   INTEGER NOT NULL DEFAULT 95,
    claimed_cpu        INTEGER NOT NULL DEFAULT 0,
    claimed_memory_mib BIGINT  NOT NULL DEFAULT 0,
    claimed_disk_gib   BIGINT  NOT NULL DEFAULT 0,
    claimed_machines   INTEGER NOT NULL DEFAULT 0,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    version            BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT uq_reservations_host_group UNIQUE (host_id, group_id),
    CONSTRAINT uq_reservations_name UNIQUE (tenant_id, name),
    CONSTRAINT ck_reservations_size CHECK (cpu >= 0 AND memory_mib >= 0 AND disk_gib >= 0 AND max_machines >= 0),
    CONSTRAINT ck_reservations_overcommit CHECK (overcommit_ratio >= 1 AND overcommit_ratio <= 100),
    CONSTRAINT ck_reservations_alerts CHECK (warning_percent BETWEEN 1 AND 100 AND critical_percent BETWEEN 1 AND 100
        AND warning_percent <= critical_percent),
    -- What is claimed never exceeds the reservation: the last line of defence against over-allocation.
    CONSTRAINT ck_reservations_claimed CHECK (claimed_cpu >= 0 AND claimed_memory_mib >= 0 AND claimed_disk_gib >= 0
        AND claimed_machines >= 0
        AND claimed_cpu <= cpu * overcommit_ratio
        AND claimed_memory_mib <= memory_mib * overcommit_ratio
        AND claimed_disk_gib <= disk_gib
        AND claimed_machines <= max_machines)
);
CREATE INDEX ix_reservations_group ON reservations (group_id);
CREATE INDEX ix_reservations_host ON reservations (host_id);

-- A claim holds part of a reservation for something (a machine, an administrator's hold) and says why.
-- Compute (cpu, memory) and disk are released separately: a powered-off machine gives back its compute
-- and keeps its disk; its machine slot goes with the disk.
CREATE TABLE claims (
    id                  UUID PRIMARY KEY,
    reservation_id      UUID NOT NULL REFERENCES reservations (id) ON DELETE CASCADE,
    tenant_id           UUID NOT NULL,
    group_id            UUID NOT NULL,
    host_id             UUID NOT NULL,
    template_id         UUID,
    owner_id            UUID,
    holder              VARCHAR(100) NOT NULL,
    reason              VARCHAR(500) NOT NULL,
    cpu                 INTEGER NOT NULL,
    memory_mib          BIGINT  NOT NULL,
    disk_gib            BIGINT  NOT NULL,
    compute_held        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    compute_released_at TIMESTAMP WITH TIME ZONE,
    released_at         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ck_claims_size CHECK (cpu >= 0 AND memory_mib >= 0 AND disk_gib >= 0)
);
CREATE INDEX ix_claims_reservation ON claims (reservation_id, released_at);
CREATE INDEX ix_claims_owner ON claims (owner_id, template_id);
CREATE INDEX ix_claims_group ON claims (group_id, released_at);

CREATE TABLE templates (
    id                     UUID PRIMARY KEY,
    tenant_id              UUID NOT NULL REFERENCES tenants (id),
    name                   VARCHAR(200) NOT NULL,
    description            VARCHAR(2000) NOT NULL DEFAULT '',
    cpu                    INTEGER NOT NULL,
    memory_mib             BIGINT  NOT NULL,
    disks                  VARCHAR(4000) NOT NULL,
    image_ref              VARCHAR(500) NOT NULL,
    hypervisor_type        VARCHAR(40) NOT NULL,
    lease_days             INTEGER,
    tombstone_days         INTEGER NOT NULL DEFAULT 7,
    approval_mode          VARCHAR(20) NOT NULL DEFAULT 'NEVER',
    approval_max_count     INTEGER,
    approval_max_lease_days INTEGER,
    max_machines_per_user  INTEGER,
    naming_prefix          VARCHAR(40) NOT NULL,
    custom_properties      VARCHAR(8000) NOT NULL DEFAULT '[]',
    cost_profile           VARCHAR(1000) NOT NULL,
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    version                BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT uq_templates_name UNIQUE (tenant_id, name),
    CONSTRAINT ck_templates_size CHECK (cpu > 0 AND memory_mib > 0),
    CONSTRAINT ck_templates_lease CHECK (lease_days IS NULL OR lease_days > 0),
    CONSTRAINT ck_templates_tombstone CHECK (tombstone_days >= 0),
    CONSTRAINT ck_templates_approval CHECK (approval_mode IN ('NEVER', 'ALWAYS', 'WHEN_EXCEEDS'))
);

CREATE TABLE template_entitlements (
    template_id UUID NOT NULL REFERENCES templates (id) ON DELETE CASCADE,
    group_id    UUID NOT NULL REFERENCES business_groups (id),
    PRIMARY KEY (template_id, group_id)
);
CREATE INDEX ix_template_entitlements_group ON template_entitlements (group_id);
