-- OmniRetail inventory on MySQL 8 / MariaDB 10.11+, schema version 1: the rows the rules kernel decides on, one row
-- per SKU (the same rows as the PostgreSQL store's schema V4). Instants are epoch milliseconds. Keys compare as
-- bytes (utf8mb4_bin), as the engine compares them.

-- The catalogue, in one row: nodes in registration order (a node's position is its number in sku.positions), pools,
-- channel rules and kits as JSON. Catalogue changes lock the row exclusively and bump the version; stock
-- operations lock it shared.
CREATE TABLE IF NOT EXISTS ${schema}.omniretail_inv_catalogue (
    id INT PRIMARY KEY,
    version BIGINT NOT NULL,
    nodes LONGTEXT NOT NULL,
    pools LONGTEXT NOT NULL,
    rules LONGTEXT NOT NULL,
    kits LONGTEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT IGNORE INTO ${schema}.omniretail_inv_catalogue VALUES (1, 0, '[]', '[]', '{}', '{}');

-- One row per SKU, locked (SELECT ... FOR UPDATE, in key order) by every operation on it. positions: five ints per
-- position, comma-separated, by node number: node number, on-hand, held, safety stock, flags. detail: the kernel's
-- JSON (channel holds, lots, receipts, the waiting queue...), null when none; has_lots marks the SKUs the lot
-- expiry sweep visits.
CREATE TABLE IF NOT EXISTS ${schema}.omniretail_inv_sku (
    sku VARCHAR(128) PRIMARY KEY,
    positions LONGTEXT NOT NULL,
    detail LONGTEXT,
    has_lots BOOLEAN NOT NULL DEFAULT FALSE,
    KEY omniretail_inv_sku_lots (has_lots, sku)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Holds: the columns queries need plus the engine's body. A hold changes only with all of its SKUs locked.
-- skus: the hold's SKUs as a JSON array of strings.
CREATE TABLE IF NOT EXISTS ${schema}.omniretail_inv_hold (
    id BIGINT PRIMARY KEY,
    status VARCHAR(16) NOT NULL,
    expires_at BIGINT NOT NULL,
    finalised_at BIGINT,
    skus LONGTEXT NOT NULL,
    open BOOLEAN NOT NULL,
    body LONGTEXT NOT NULL,
    KEY omniretail_inv_hold_final (open, finalised_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Per SKU, its HELD holds by expiry: what a batch reads to find the holds due on the SKUs it locks.
CREATE TABLE IF NOT EXISTS ${schema}.omniretail_inv_hold_due (
    sku VARCHAR(128) NOT NULL,
    expires_at BIGINT NOT NULL,
    hold_id BIGINT NOT NULL,
    PRIMARY KEY (sku, expires_at, hold_id),
    KEY omniretail_inv_hold_due_at (expires_at),
    KEY omniretail_inv_hold_due_hold (hold_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS ${schema}.omniretail_inv_transfer (
    id BIGINT PRIMARY KEY,
    sku VARCHAR(128) NOT NULL,
    open BOOLEAN NOT NULL,
    body LONGTEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Idempotency: one row per caller key, inserted in the transaction that did the work; the primary key makes a
-- second execution under one key impossible, whatever the instance (the loser's transaction reruns and replays).
CREATE TABLE IF NOT EXISTS ${schema}.omniretail_inv_idempotency (
    idem_key VARCHAR(400) PRIMARY KEY,
    request LONGTEXT NOT NULL,
    failed BOOLEAN NOT NULL,
    outcome LONGTEXT NOT NULL,
    recorded_at BIGINT NOT NULL,
    KEY omniretail_inv_idempotency_age (recorded_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The transactional outbox: every event of a committed change, written by the transaction that made it, in order
-- of id. A writer holds the outbox gate row shared from before its first event until it commits; a relay that
-- finds a gap in the ids takes the gate exclusively once, so every id below the ones it saw is then committed or
-- never will be (see Outbox). Per SKU, id order is commit order: a batch writes its events holding the SKU locks.
CREATE TABLE IF NOT EXISTS ${schema}.omniretail_inv_event (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    occurred_at BIGINT NOT NULL,
    type VARCHAR(100) NOT NULL,
    body LONGTEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS ${schema}.omniretail_inv_event_gate (
    id INT PRIMARY KEY
) ENGINE=InnoDB;
INSERT IGNORE INTO ${schema}.omniretail_inv_event_gate VALUES (1);

CREATE TABLE IF NOT EXISTS ${schema}.omniretail_inv_event_cursor (
    consumer VARCHAR(100) PRIMARY KEY,
    id BIGINT NOT NULL,
    delivered BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Id blocks handed to instances (hold and transfer ids never collide across instances).
CREATE TABLE IF NOT EXISTS ${schema}.omniretail_inv_ids (
    name VARCHAR(32) PRIMARY KEY,
    next BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT IGNORE INTO ${schema}.omniretail_inv_ids VALUES ('hold', 1), ('transfer', 1);
