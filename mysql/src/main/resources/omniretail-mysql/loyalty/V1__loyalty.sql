-- OmniRetail loyalty on MySQL 8 / MariaDB 10.11+, schema version 1: the rows the ledger's rules kernel decides on,
-- per member (the same rows as the PostgreSQL store's loyalty schema V4). Instants are epoch milliseconds.

-- One row per member: balances, tier and tier window, counters. Locked (FOR UPDATE, in key order) by every batch
-- touching the member.
CREATE TABLE IF NOT EXISTS ${schema}.omniretail_ldg_member (
    member VARCHAR(128) PRIMARY KEY,
    merged_into VARCHAR(128),
    available BIGINT NOT NULL,
    pending BIGINT NOT NULL,
    held BIGINT NOT NULL,
    tier VARCHAR(128) NOT NULL,
    tier_since BIGINT NOT NULL,
    review_at BIGINT NOT NULL,
    in_grace BOOLEAN NOT NULL,
    last_activity BIGINT NOT NULL,
    qualifying_sum BIGINT NOT NULL,
    qualifying_from BIGINT NOT NULL,
    lot_seq BIGINT NOT NULL,
    entries BIGINT NOT NULL,
    last_entry_at BIGINT NOT NULL,
    dormant_at BIGINT NOT NULL,
    KEY omniretail_ldg_member_review (review_at),
    KEY omniretail_ldg_member_dormant (dormant_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per earn: its lot. A call reads the lots it consumes in consumption order (consume_key, seq, id), the
-- ones that fell due and the ones it names: never all of a member's. active = remaining > 0 and not pending.
CREATE TABLE IF NOT EXISTS ${schema}.omniretail_ldg_lot (
    id VARCHAR(300) PRIMARY KEY,
    member VARCHAR(128) NOT NULL,
    seq BIGINT NOT NULL,
    consume_key BIGINT NOT NULL,
    points BIGINT NOT NULL,
    remaining BIGINT NOT NULL,
    earned_at BIGINT NOT NULL,
    available_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    pending BOOLEAN NOT NULL,
    amount LONGTEXT,
    reversed BIGINT NOT NULL,
    qualifying BIGINT NOT NULL,
    active BOOLEAN NOT NULL,
    KEY omniretail_ldg_lot_consume (member, active, consume_key, seq, id),
    KEY omniretail_ldg_lot_expiring (active, expires_at),
    KEY omniretail_ldg_lot_activating (pending, available_at),
    KEY omniretail_ldg_lot_qualifying (member, earned_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Open holds (a settled hold is deleted; its entries stay). taken: [[lot, points], ...] as JSON.
CREATE TABLE IF NOT EXISTS ${schema}.omniretail_ldg_hold (
    id VARCHAR(300) PRIMARY KEY,
    member VARCHAR(128) NOT NULL,
    points BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    taken LONGTEXT NOT NULL,
    KEY omniretail_ldg_hold_member (member),
    KEY omniretail_ldg_hold_expiry (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Redemptions and the lots they consumed (for cancellation).
CREATE TABLE IF NOT EXISTS ${schema}.omniretail_ldg_redemption (
    id VARCHAR(300) PRIMARY KEY,
    member VARCHAR(128) NOT NULL,
    points BIGINT NOT NULL,
    cancelled BOOLEAN NOT NULL,
    taken LONGTEXT NOT NULL,
    KEY omniretail_ldg_redemption_member (member)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Entries, append-only, with the member's balances after each.
CREATE TABLE IF NOT EXISTS ${schema}.omniretail_ldg_entry (
    member VARCHAR(128) NOT NULL,
    seq BIGINT NOT NULL,
    txn_id VARCHAR(300) NOT NULL,
    at BIGINT NOT NULL,
    body LONGTEXT NOT NULL,
    available BIGINT NOT NULL,
    pending BIGINT NOT NULL,
    held BIGINT NOT NULL,
    PRIMARY KEY (member, seq),
    KEY omniretail_ldg_entry_at (member, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Idempotency: one row per transaction id (a second insert of an id fails the transaction, which reruns and
-- replays the first outcome). owner: the member whose hold, earn or redemption the id made.
CREATE TABLE IF NOT EXISTS ${schema}.omniretail_ldg_txn (
    txn_id VARCHAR(300) PRIMARY KEY,
    owner VARCHAR(128),
    request LONGTEXT NOT NULL,
    failed BOOLEAN NOT NULL,
    outcome LONGTEXT NOT NULL,
    at BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One order earns once: its earn entry.
CREATE TABLE IF NOT EXISTS ${schema}.omniretail_ldg_earned_order (
    order_id VARCHAR(300) PRIMARY KEY,
    entry LONGTEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Program accounts (issuance, redemption, breakage), striped so that concurrent instances rarely queue on one
-- row; a balance is the sum of its stripes.
CREATE TABLE IF NOT EXISTS ${schema}.omniretail_ldg_program (
    account VARCHAR(32) NOT NULL,
    stripe INT NOT NULL,
    points BIGINT NOT NULL,
    PRIMARY KEY (account, stripe)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The transactional outbox, as inventory's (see its event table): per member, id order is commit order.
CREATE TABLE IF NOT EXISTS ${schema}.omniretail_ldg_event (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    member VARCHAR(128) NOT NULL,
    occurred_at BIGINT NOT NULL,
    type VARCHAR(100) NOT NULL,
    body LONGTEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS ${schema}.omniretail_ldg_event_gate (
    id INT PRIMARY KEY
) ENGINE=InnoDB;
INSERT IGNORE INTO ${schema}.omniretail_ldg_event_gate VALUES (1);

CREATE TABLE IF NOT EXISTS ${schema}.omniretail_ldg_event_cursor (
    consumer VARCHAR(100) PRIMARY KEY,
    id BIGINT NOT NULL,
    delivered BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Identity links (phone, union id, card...) to members, for MemberDirectory.
CREATE TABLE IF NOT EXISTS ${schema}.omniretail_ldg_identity (
    type VARCHAR(32) NOT NULL,
    id_key VARCHAR(300) NOT NULL,
    member VARCHAR(128) NOT NULL,
    PRIMARY KEY (type, id_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
