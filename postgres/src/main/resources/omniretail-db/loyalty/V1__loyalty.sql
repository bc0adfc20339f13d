-- OmniRetail loyalty, schema version 1. Points are whole integers; instants are UTC timestamps.

-- One row per member: the row every operation on the member locks (FOR UPDATE, in member order), with the
-- balances and tier after the member's latest command.
CREATE TABLE ${schema}.omniretail_ldg_member (
    member text PRIMARY KEY,
    merged_into text REFERENCES ${schema}.omniretail_ldg_member,
    last_at timestamptz NOT NULL,
    next_due timestamptz,
    available bigint NOT NULL DEFAULT 0,
    pending bigint NOT NULL DEFAULT 0,
    held bigint NOT NULL DEFAULT 0,
    tier text,
    entries int NOT NULL DEFAULT 0
);
CREATE INDEX omniretail_ldg_member_due ON ${schema}.omniretail_ldg_member (next_due) WHERE next_due IS NOT NULL;

-- The commands applied to each member, in order, with the instant they were applied at: a member's state is the
-- in-memory ledger's rules replayed over them. Append-only.
CREATE TABLE ${schema}.omniretail_ldg_command (
    seq bigserial PRIMARY KEY,
    member text NOT NULL REFERENCES ${schema}.omniretail_ldg_member,
    kind text NOT NULL,
    txn_id text,
    args jsonb NOT NULL,
    at timestamptz NOT NULL
);
CREATE INDEX omniretail_ldg_command_member ON ${schema}.omniretail_ldg_command (member, seq);

-- Idempotency: one row per transaction id, inserted in the transaction that did the work; the primary key makes
-- a second execution impossible whatever the instance. member is the owner (for holds, earns, redemptions).
CREATE TABLE ${schema}.omniretail_ldg_txn (
    txn_id text PRIMARY KEY,
    member text NOT NULL,
    request text NOT NULL,
    failed boolean NOT NULL,
    outcome jsonb NOT NULL,
    at timestamptz NOT NULL
);

-- Ledger entries, append-only, each with its double-entry postings (they sum to zero).
CREATE TABLE ${schema}.omniretail_ldg_entry (
    member text NOT NULL REFERENCES ${schema}.omniretail_ldg_member,
    seq int NOT NULL,
    txn_id text NOT NULL,
    type text NOT NULL,
    at timestamptz NOT NULL,
    body jsonb NOT NULL,
    PRIMARY KEY (member, seq)
);
CREATE INDEX omniretail_ldg_entry_at ON ${schema}.omniretail_ldg_entry (member, at);

-- Open lots per member after the member's latest command, in consumption order.
CREATE TABLE ${schema}.omniretail_ldg_lot (
    member text NOT NULL REFERENCES ${schema}.omniretail_ldg_member,
    lot text NOT NULL,
    ordinal int NOT NULL,
    points bigint NOT NULL,
    remaining bigint NOT NULL CHECK (remaining >= 0),
    earned_at timestamptz NOT NULL,
    available_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (member, lot)
);

-- Identity links for MemberDirectory: an identity belongs to at most one member.
CREATE TABLE ${schema}.omniretail_ldg_identity (
    type text NOT NULL,
    key text NOT NULL,
    member text NOT NULL,
    PRIMARY KEY (type, key)
);
CREATE INDEX omniretail_ldg_identity_member ON ${schema}.omniretail_ldg_identity (member);
