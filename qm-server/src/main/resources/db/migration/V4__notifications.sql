-- Notifications: each user's choices, and the outbox of e-mail. Portable SQL: runs on H2 and PostgreSQL alike.

-- A user without a row has every notification on.
CREATE TABLE notification_preferences (
    user_id           UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    lease_reminders   BOOLEAN NOT NULL,
    approval_requests BOOLEAN NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    version           BIGINT NOT NULL DEFAULT 0
);

-- The outbox. A row is written in the transaction of the change it tells about (so a change that rolls
-- back sends nothing) with the message already rendered; a background sender on any server node
-- claims it (claimed_by, claimed_until), sends it and records the outcome. recipient_id has no foreign
-- key, as in the audit trail: the record of what was sent outlives the people it was sent to.
CREATE TABLE notifications (
    id              UUID PRIMARY KEY,
    kind            VARCHAR(40)  NOT NULL,
    recipient_id    UUID         NOT NULL,
    recipient_email VARCHAR(254),
    subject         VARCHAR(500) NOT NULL,
    body            VARCHAR(20000) NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    status_reason   VARCHAR(500),
    attempts        INTEGER      NOT NULL DEFAULT 0,
    last_error      VARCHAR(2000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by      VARCHAR(64),
    claimed_until   TIMESTAMP WITH TIME ZONE,
    sent_at         TIMESTAMP WITH TIME ZONE,
    sent_via        VARCHAR(10),
    CONSTRAINT ck_notifications_status CHECK (status IN ('PENDING', 'SENT', 'SKIPPED', 'FAILED')),
    -- A message waiting to be sent has somewhere to go; one without an address is SKIPPED when written.
    CONSTRAINT ck_notifications_address CHECK (status <> 'PENDING' OR recipient_email IS NOT NULL)
);
CREATE INDEX ix_notifications_due ON notifications (status, next_attempt_at);
CREATE INDEX ix_notifications_recipient ON notifications (recipient_id, created_at);
CREATE INDEX ix_notifications_created ON notifications (created_at);
