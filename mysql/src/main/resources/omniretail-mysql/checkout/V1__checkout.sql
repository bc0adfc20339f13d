-- OmniRetail checkout orders on MySQL 8 / MariaDB 10.11+, schema version 1: the latest version of each order as
-- JSON (PlacedOrderCodec's format), with the columns the store searches on. Unpaid orders are found by expiry
-- (epoch milliseconds, rounded up); members who paid once are kept for first-order offers.
CREATE TABLE IF NOT EXISTS ${schema}.omniretail_chk_order (
    order_key VARCHAR(300) PRIMARY KEY,
    version BIGINT NOT NULL,
    status VARCHAR(16) NOT NULL,
    member VARCHAR(128),
    expires_at BIGINT NOT NULL,
    unpaid BOOLEAN NOT NULL,
    body LONGTEXT NOT NULL,
    KEY omniretail_chk_order_unpaid (unpaid, expires_at, order_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS ${schema}.omniretail_chk_paid_member (
    member VARCHAR(128) PRIMARY KEY
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
