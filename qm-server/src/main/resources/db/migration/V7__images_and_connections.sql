-- Master images, what templates build from them, the owners' SSH keys and how to reach a machine.
-- Portable SQL: runs on H2 and PostgreSQL alike.

-- A registered master image; its bytes are a file in the image store (qm.images.dir), named file_name.
-- tenant_id null: shared by every tenant (registered by a system administrator). owner_key is the
-- tenant id as text, or 'shared', so that the database keeps one name and version per owner (a unique
-- constraint would let two NULL tenants through).
CREATE TABLE images (
    id          UUID PRIMARY KEY,
    tenant_id   UUID REFERENCES tenants (id),
    owner_key   VARCHAR(36) NOT NULL,
    name        VARCHAR(100) NOT NULL,
    version     VARCHAR(50) NOT NULL,
    format      VARCHAR(10) NOT NULL,
    size_bytes  BIGINT NOT NULL,
    sha256      VARCHAR(64) NOT NULL,
    file_name   VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(63) NOT NULL,
    CONSTRAINT uq_images_name_version UNIQUE (owner_key, name, version),
    CONSTRAINT ck_images_format CHECK (format IN ('qcow2', 'raw')),
    CONSTRAINT ck_images_size CHECK (size_bytes > 0)
);
CREATE INDEX ix_images_tenant ON images (tenant_id);

-- A template may name a registered image (imageRef stays for templates without one), how a machine's
-- disk is made from it, and cloud-init user-data for its machines.
ALTER TABLE templates ADD COLUMN image_id UUID;
ALTER TABLE templates ADD CONSTRAINT fk_templates_image FOREIGN KEY (image_id) REFERENCES images (id);
ALTER TABLE templates ADD COLUMN disk_mode VARCHAR(20) DEFAULT 'LINKED_CLONE' NOT NULL;
ALTER TABLE templates ADD COLUMN user_data VARCHAR(32768);
ALTER TABLE templates ADD CONSTRAINT ck_templates_disk_mode CHECK (disk_mode IN ('LINKED_CLONE', 'FULL_COPY'));
CREATE INDEX ix_templates_image ON templates (image_id);

-- The OpenSSH public keys a user wants on the machines built for them, in their order.
CREATE TABLE user_ssh_keys (
    user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    public_key VARCHAR(8192) NOT NULL,
    PRIMARY KEY (user_id, position)
);

-- A machine's copy of its template (with the image, user-data and its owner's keys) and the tasks that
-- carry it to the agent outgrow 8000 characters.
ALTER TABLE machines ALTER COLUMN spec SET DATA TYPE VARCHAR(262144);
ALTER TABLE agent_tasks ALTER COLUMN parameters SET DATA TYPE VARCHAR(262144);

-- The registered image a machine was built from (its spec has the details): an image that live machines
-- were built from is not deleted, so a retry or reprovision can still fetch it.
ALTER TABLE machines ADD COLUMN image_id UUID;
CREATE INDEX ix_machines_image ON machines (image_id);

-- How to reach a machine, as its host's agent last reported it: an IPv4 address (null until known) and a
-- hint for its console.
ALTER TABLE machines ADD COLUMN address VARCHAR(45);
ALTER TABLE machines ADD COLUMN console VARCHAR(500);
