-- OmniRetail inventory, schema version 1. Units are whole items; instants are UTC timestamps.

-- Catalogue: nodes, SKUs, pools and channel rules. Catalogue changes bump the version so that instances
-- refresh their cached copy; they run under an exclusive advisory lock, stock operations under a shared one.
CREATE TABLE ${schema}.omniretail_inv_meta (
    id int PRIMARY KEY CHECK (id = 1),
    catalogue_version bigint NOT NULL
);
INSERT INTO ${schema}.omniretail_inv_meta (id, catalogue_version) VALUES (1, 0);

CREATE TABLE ${schema}.omniretail_inv_node (
    node text PRIMARY KEY
);

-- One row per SKU: the row every stock operation on the SKU locks (FOR UPDATE, in SKU order).
CREATE TABLE ${schema}.omniretail_inv_sku (
    sku text PRIMARY KEY
);

CREATE TABLE ${schema}.omniretail_inv_pool (
    pool text NOT NULL,
    node text NOT NULL REFERENCES ${schema}.omniretail_inv_node,
    PRIMARY KEY (pool, node)
);

CREATE TABLE ${schema}.omniretail_inv_channel_rules (
    node text PRIMARY KEY REFERENCES ${schema}.omniretail_inv_node,
    rules jsonb NOT NULL
);

-- Stored part of a position; held units follow from the open holds.
CREATE TABLE ${schema}.omniretail_inv_position (
    sku text NOT NULL REFERENCES ${schema}.omniretail_inv_sku,
    node text NOT NULL REFERENCES ${schema}.omniretail_inv_node,
    on_hand int NOT NULL, -- may go negative when more is fulfilled than a count left (reported as a shortage)
    safety_policy jsonb NOT NULL,
    safety_stock int NOT NULL CHECK (safety_stock >= 0),
    daily_sales jsonb NOT NULL,
    reorder_point int NOT NULL,
    hysteresis int NOT NULL,
    low_stock boolean NOT NULL,
    PRIMARY KEY (sku, node)
);

-- Hold ids stay below 2^31 (the engine's limit); the top ids are reserved for in-transaction stand-ins.
CREATE SEQUENCE ${schema}.omniretail_inv_hold_seq MAXVALUE 2147483000;

-- Holds: the whole hold as JSON plus the columns queries need. Open = HELD or CONFIRMED with units held.
CREATE TABLE ${schema}.omniretail_inv_hold (
    id bigint PRIMARY KEY,
    status text NOT NULL,
    open boolean NOT NULL,
    expires_at timestamptz NOT NULL,
    finalised_at timestamptz,
    body jsonb NOT NULL
);
CREATE INDEX omniretail_inv_hold_due ON ${schema}.omniretail_inv_hold (expires_at) WHERE open AND status = 'HELD';
CREATE INDEX omniretail_inv_hold_final ON ${schema}.omniretail_inv_hold (finalised_at) WHERE NOT open;

-- Hold lines: which SKUs a hold touches (the lock set of operations on it) and its open units where they are
-- held, so an operation loads the other holds on its SKUs as sums per channel and place, not one by one.
-- open_units is 0 once the hold is final.
CREATE TABLE ${schema}.omniretail_inv_hold_line (
    hold_id bigint NOT NULL REFERENCES ${schema}.omniretail_inv_hold ON DELETE CASCADE,
    line_no int NOT NULL,
    sku text NOT NULL,
    node text,
    pool text,
    channel text NOT NULL,
    channel_kind text NOT NULL,
    open_units int NOT NULL CHECK (open_units >= 0),
    PRIMARY KEY (hold_id, line_no)
);
CREATE INDEX omniretail_inv_hold_line_sku ON ${schema}.omniretail_inv_hold_line (sku, hold_id);

CREATE SEQUENCE ${schema}.omniretail_inv_transfer_seq;

CREATE TABLE ${schema}.omniretail_inv_transfer (
    id bigint PRIMARY KEY,
    sku text NOT NULL,
    open boolean NOT NULL,
    body jsonb NOT NULL
);
CREATE INDEX omniretail_inv_transfer_open ON ${schema}.omniretail_inv_transfer (sku) WHERE open;

-- Idempotency: one row per caller key, inserted in the transaction that did the work. The primary key makes a
-- second execution under the same key impossible, whatever the instance.
CREATE TABLE ${schema}.omniretail_inv_idempotency (
    key text PRIMARY KEY,
    request text NOT NULL,
    failed boolean NOT NULL,
    outcome jsonb NOT NULL,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX omniretail_inv_idempotency_age ON ${schema}.omniretail_inv_idempotency (recorded_at);
